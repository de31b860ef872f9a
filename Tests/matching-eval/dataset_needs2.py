"""Second batch of needs (issue 16): appended after build_dataset.py's first 29, keys N30.. in list order.

Written as a city official or a liaison office would state the problem (what they want done, not a product),
from the situations public sources describe: JCM model project lists (S6, S32-S34, S38), the city-to-city
cooperation of Yokohama with Bangkok, Da Nang and Cebu (S4, S14, S35-S37), JICA project pages (S16). Figures
are indicative. Judgements: 3 delivered this kind of project, 2 has the technology, 1 adjacent.
"""
from build_dataset import need

need("hgi_husk", "hcmc", "en", "Mills in the delta pile up husks they cannot get rid of",
     "Mills in the Mekong provinces that supply our city burn or dump the husks left after milling; smoke reaches "
     "the roads in harvest season. Provincial partners would like a plant that turns this residue into electricity "
     "for the grid, around 10 MW, with a steady fuel contract with the mills.",
     ["biomass_power"], ["S32"], {"jpower": 3, "takuma": 2, "sumitomo_shi": 2, "ihi": 1, "jfe": 2, "oji": 1})

need("bkk_factory_roof", "bangkok", "ja", "工場の屋根で電気をつくり、電気代とCO2を減らしたい",
     "バンコク都内と近郊の中小工場から、昼間の電気代が高いとの声が多い。自己資金での設備投資は難しいため、"
     "設備を第三者が所有し、発電した分だけ料金を払う方式を希望している。都の気候変動計画の削減目標にも寄与させたい。",
     [], ["S35", "S36"], {"finetech": 3, "sharp": 2, "ntt_ae": 2, "looop": 1, "kyocera": 1, "itochu": 1, "kyudenko": 1})

need("dad_landfill_full", "danang", "en", "Our only disposal site will be full in a few years",
     "Khanh Son receives almost all of Da Nang's household refuse, about 1,100 tonnes a day. Leachate reaches nearby "
     "streams, and residents complain about odour. We want to extend its life, treat the leachate, capture the gas, and "
     "prepare a facility that burns part of the refuse before the site closes.",
     [], ["S4", "S5"], {"daiei": 2, "yachiyo": 2, "exri": 2, "jfe": 2, "hitz": 2, "takuma": 1, "ebara_env": 1, "nseng": 1})

need("ceb_wte_mou", "cebu", "ja", "ごみを燃やして発電する施設の導入可能性を知りたい",
     "セブ市のビナリウ処分場は閉鎖が議論されており、新たな処理方法が必要になっている。横浜市との協力覚書の下で、"
     "焼却と発電を組み合わせた施設の規模、費用、運営の形について助言がほしい。",
     ["waste_to_energy"], ["S37"], {"jfe": 3, "hitz": 2, "takuma": 2, "ebara_env": 2, "nseng": 2, "marubeni": 2, "sumitomo_shi": 1})

need("ceb_separation", "cebu", "en", "Getting households and markets to separate what they throw away",
     "Barangays in Cebu City are required to separate biodegradable from recyclable refuse, but most trucks still collect "
     "everything mixed. We want help designing collection, small sorting stations and composting of market residues, "
     "and training for barangay staff.",
     [], ["S37"], {"amita": 2, "nishihara": 3, "jpec": 2, "yachiyo": 1, "exri": 1, "ichikawa": 1})

need("vte_microhydro", "vientiane", "en", "Electricity for mountain villages far from the grid",
     "Several villages in the northern provinces are beyond the reach of the national grid. There are irrigation canals "
     "and small streams with a few metres of head. We want small generating units that villagers can maintain, and "
     "advice on which sites suit them.",
     [], ["S16"], {"ntn": 3, "nishimatsu": 2, "tepsco": 2, "looop": 1, "nextenergy": 1, "kyocera": 1})

need("vte_microhydro_ja", "vientiane", "ja", "遠隔地の集落に小さな発電所をつくりたい",
     "ラオス北部の山間の村は送電網から遠く、灯油やディーゼル発電機に頼っている。川や用水路の流れを使って"
     "村で維持できる規模の電源を設けたい。候補地の調査から支援してほしい。",
     ["small_hydro"], ["S16"], {"ntn": 3, "nishimatsu": 2, "tepsco": 2, "jpower": 1})

need("mn_geothermal", "ulaanbaatar", "en", "Could heat from underground replace coal in a soum centre?",
     "Some soum centres have hot springs. The ministry wants to know whether they could supply heat or power instead of "
     "the small coal boilers, starting with surveys and a pilot well.",
     [], ["S9"], {"west_jec": 2, "jpower": 2, "fujielec": 1, "toshiba": 1, "suuri": 1})

need("id_geothermal", "jakarta", "ja", "地熱資源の調査と発電所計画の支援",
     "インドネシアでは地熱の潜在量が大きいが、開発リスクが高く進んでいない。州政府として有望地の評価と"
     "発電所の計画づくりに協力できる企業を探している。",
     ["geothermal"], ["S6"], {"west_jec": 3, "jpower": 2, "fujielec": 1, "toshiba": 1})

need("dad_streetlight", "danang", "ja", "街灯の電気代を下げ、故障をすぐ把握したい",
     "ダナン市の道路照明は約4万灯で、多くが古いナトリウム灯。電気代と交換費用が市の負担になっている。"
     "消費電力の少ない照明に替え、夜間の明るさ調整や故障の通知ができる仕組みを入れたい。",
     [], ["S4"], {"minebea": 3, "iwasaki": 2, "endo": 2, "melco": 1, "panasonic": 1})

need("pp_traffic", "phnompenh", "en", "Junctions that jam every evening",
     "Phnom Penh's main junctions lock up at rush hour and many lights still run on fixed timings. The municipality wants "
     "lights that adapt to the traffic, a centre that sees the network, and fewer idling engines.",
     ["public_transport"], ["S16"], {"kyosan": 3, "sumiden": 2, "nissin": 2, "nec": 1, "jtec": 1, "ocg": 1})

need("bkk_signal_ja", "bangkok", "ja", "交差点の渋滞を減らして排出を抑えたい",
     "バンコク都の幹線道路では交差点の渋滞が慢性化し、アイドリングによる排出も大きい。交通量に応じて"
     "信号を切り替える制御と、道路の状況を一か所で監視できる仕組みを導入したい。",
     [], ["S36"], {"kyosan": 2, "sumiden": 2, "nissin": 2, "nec": 1, "jtec": 1})

need("hn_brt", "hanoi", "en", "A bus line that does not get stuck in traffic",
     "Hanoi's first busway carries fewer passengers than planned because cars enter its lanes and buses wait at lights. "
     "The city wants to plan a second corridor properly and give buses priority at junctions.",
     [], ["S16"], {"jtec": 2, "ocg": 2, "sumiden": 1, "kyosan": 1, "nissin": 1, "tokyu": 1})

need("dad_ebus", "danang", "en", "Replace diesel city buses with clean ones",
     "Da Nang's bus operator plans to renew about 100 buses over five years and wants them to run on electricity. "
     "We need vehicles, depot charging and a plan for the grid connection and for drivers and mechanics.",
     ["ev", "ev_charging"], ["S4", "S5"], {"evmj": 2, "toshiba": 2, "tsusho": 2, "fujielec": 1, "nichicon": 1, "hitachi": 1})

need("hcm_emoto", "hcmc", "ja", "バイクタクシーや配達のバイクを電動化したい",
     "ホーチミン市内には数百万台のバイクがあり、排気と騒音が深刻。配達会社やバイクタクシーが使いやすい"
     "電動バイクと、充電を待たずに使えるバッテリーの交換拠点を整えたい。",
     [], ["S16"], {"honda": 3, "yamaha": 2, "terra": 2, "glafit": 1, "tsusho": 1})

need("bkk_bike", "bangkok", "en", "Last mile from the stations without a car",
     "Many commuters in Bangkok drive because stations are a long walk from home. The city would like shared bicycles "
     "with electric assist at stations and in neighbourhoods, booked from a phone.",
     [], ["S36"], {"docomo_bike": 2, "openstreet": 2, "glafit": 1, "yamaha": 1})

need("hp_port_cranes", "haiphong", "en", "Container terminal running on diesel",
     "The Lach Huyen terminals move more containers every year and the yard cranes run on diesel gensets. The port "
     "authority wants to cut fuel and emissions by putting cranes and ships at berth on electricity.",
     [], ["S16"], {"mitsui_es": 3, "mitsuies": 3, "ocg": 2, "khi": 1, "nyk": 1})

need("hp_port_ja", "haiphong", "ja", "港の荷役機械と停泊中の船の脱炭素",
     "ハイフォン港ではヤードクレーンがディーゼル発電で動いている。電化やバッテリー化、岸壁に着いた船への陸上からの"
     "電力供給を検討したい。",
     ["carbon_neutral_port"], ["S16"], {"mitsui_es": 3, "mitsuies": 3, "ocg": 2, "kandenko": 1})

need("mn_ger_heat", "ulaanbaatar", "ja", "ゲル地区の石炭ストーブによる大気汚染",
     "冬のウランバートルではゲル地区の石炭ストーブや小型ボイラーの煙で大気汚染が深刻。暖房の熱源をまとめて"
     "効率を上げる、あるいは電気による暖房へ切り替える方法を探している。",
     [], ["S9", "S20"], {"suuri": 3, "miura": 2, "samson": 2, "daikin": 1, "mayekawa": 1, "tges": 1})

need("mn_solar_ja", "ulaanbaatar", "en", "More clean power for the central grid",
     "Mongolia's central grid depends on coal. The city and the energy ministry want more utility-scale generation from "
     "the sun, with storage to cope with evening peaks and cold winters.",
     ["solar_pv"], ["S17", "S18", "S19"], {"sharp": 3, "farmdo": 3, "kyocera": 2, "ngk": 1, "nextenergy": 1, "marubeni": 1})

need("sby_mangrove", "surabaya", "en", "Protecting the coast with mangroves",
     "Surabaya's eastern coast is eroding and fishponds flood. The city wants to replant mangroves, monitor how they grow "
     "and how much carbon they hold, and perhaps earn credits for it.",
     ["blue_carbon"], ["S16"], {"idea": 3, "pasco": 2, "sfc": 1, "murc": 1})

need("jkt_inventory", "jakarta", "en", "Counting the city's emissions every year",
     "Jakarta has a climate action plan but its greenhouse gas inventory is updated irregularly and by hand. The "
     "environment agency wants a method and tools to estimate emissions by sector every year and report progress.",
     ["mrv"], ["S16"], {"nkoei": 2, "kokusai": 2, "murc": 2, "zeroboard": 1, "exri": 1, "pasco": 1})

need("bkk_plan_ja", "bangkok", "ja", "気候変動マスタープランの改定と進捗管理",
     "バンコク都は気候変動マスタープランを改定し、エネルギーと交通の対策を具体化したい。排出量の推計、"
     "削減策の優先順位づけ、進捗の確認方法について助言がほしい。",
     ["decarb_planning"], ["S36"], {"murc": 2, "nkoei": 2, "kokusai": 2, "pacific": 1, "exri": 1})

need("hcm_hotel_hotwater", "hcmc", "en", "Hotels burning diesel for hot water",
     "Many mid-size hotels in District 1 heat water for rooms and laundries with diesel or LPG boilers. The tourism "
     "department wants them to switch to electric equipment that uses much less energy.",
     [], ["S6"], {"panasonic": 2, "mhi_ts": 2, "itomic": 2, "sanden": 2, "mayekawa": 1, "daikin": 1})

need("hn_hospital_ac", "hanoi", "ja", "公立病院の冷房の電気代が重い",
     "ハノイの公立病院では古い窓型・スプリット型の冷房が多数あり、夏の電気代が予算を圧迫している。"
     "消費電力の少ない機種への更新と運転管理の仕組みを導入したい。",
     [], ["S38"], {"melco": 3, "daikin": 2, "fujitsu_general": 2, "panasonic": 2, "takasago": 1, "azbil": 1})

need("bkk_office_retrofit", "bangkok", "en", "Old government office towers that are hard to keep cool",
     "BMA owns office buildings from the 1990s with single glazing and old chillers. We want a programme to cut "
     "their electricity use by a third: envelope, cooling plant and controls.",
     ["buildings"], ["S36"], {"takasago": 2, "shimizu": 2, "azbil": 2, "ykk_ap": 1, "ebara_ref": 1, "daikin": 1, "obayashi": 1})

need("sby_textile_steam", "surabaya", "ja", "工業団地の工場のボイラー燃料を切り替えたい",
     "スラバヤ周辺の繊維・食品工場では石炭や重油のボイラーで蒸気をつくっている。燃料転換と効率の高い"
     "ボイラー、排熱の回収で燃料費と排出を減らしたい。",
     [], ["S11"], {"miura": 3, "samson": 2, "tokyo_gas_asia": 2, "kobelco": 1, "sumitomo_shi": 1})

need("bkk_ind_waste_heat", "bangkok", "en", "Factories throwing away warm water and steam",
     "Food and chemical plants around Bangkok release large amounts of low-temperature heat. The industrial works "
     "department is looking for ways to turn it into electricity or reuse it on site.",
     ["waste_heat"], ["S3"], {"kobelco": 2, "mayekawa": 2, "samson": 1, "miura": 1, "tges": 1})

need("jkt_compressed_air", "jakarta", "en", "Electricity wasted in factory air systems",
     "Audits of factories in Jakarta's industrial estates found compressed-air systems using a fifth of their power, "
     "with leaks and old machines. The provincial energy office wants efficient equipment and a way to track savings.",
     [], ["S11"], {"anest": 2, "kobelco": 2, "hitachi_ies": 2, "fujielec": 1, "melco": 1})

need("hcm_cold_storage", "hcmc", "ja", "水産物の冷凍倉庫の電力とフロン",
     "ホーチミン周辺の水産加工会社の冷凍倉庫は古いフロン系の設備で、電力消費が大きく漏えいも心配。"
     "自然冷媒を使った効率の高い冷凍設備に替えたい。",
     ["cold_chain"], ["S11"], {"mayekawa": 3, "yokorei": 2, "daikin": 1, "panasonic": 1})

need("dad_sewer_plan", "danang", "en", "Sewers for districts that still rely on septic tanks",
     "Large parts of Da Nang still discharge through septic tanks into drains that reach the beaches. The city wants "
     "a sewerage plan for these districts and designs for new treatment works.",
     [], ["S4"], {"nihon_suido": 3, "ywater": 2, "nkoei": 1, "metawater": 1, "maezawa": 1})

need("hue_treatment_energy", "danang", "ja", "下水処理場の電力使用量を減らしたい",
     "市内の下水処理場では、反応タンクに空気を送る設備の電力が大きい。古い設備を効率の高いものに替え、"
     "運転を見直して電気代を減らしたい。",
     ["sewage_treatment"], ["S4"], {"sanki": 3, "metawater": 2, "maezawa": 2, "ebara_pumps": 2, "ebara_ag": 1, "kubota": 1})

need("pp_water_plant", "phnompenh", "en", "More treated water for a growing city",
     "The water authority needs a new treatment plant and transmission pumps for the suburbs, and wants to keep "
     "the energy use of pumping low.",
     ["water_supply"], ["S16"], {"suidokiko": 2, "kubota": 2, "metawater": 2, "torishima": 2, "ywater": 1, "kurimoto": 1})

need("yg_nrw", "yangon", "ja", "水道の漏水と料金を取れない水を減らしたい",
     "ヤンゴン市の水道は配水した水の半分近くが料金収入につながっていない。古い管からの漏れを見つけ、"
     "区画ごとに流量を管理し、メーターを更新する計画を立てたい。",
     [], ["S16"], {"ywater": 3, "tokyo_suido": 3, "fujitecom": 2, "kubota": 1, "kurimoto": 1})

need("jkt_reuse", "jakarta", "en", "Factories pumping groundwater while the city sinks",
     "North Jakarta is sinking partly because factories draw groundwater. The province wants industries to treat and "
     "reuse their effluent instead, and is considering recycled water supply.",
     ["water_reuse"], ["S16"], {"kurita": 2, "organo": 2, "toray": 2, "kubota": 2, "hitz": 1})

need("vn_distribution_loss", "hanoi", "ja", "配電網の損失を減らしたい",
     "ハノイの配電会社では、古い変圧器と長い低圧線のために送った電力の一部が失われている。損失の少ない"
     "機器への更新と、損失の原因を把握する方法を知りたい。",
     ["power_distribution"], ["S12", "S29"], {"proterial": 3, "hitachi_ies": 3, "daihen": 2, "fujielec": 2, "tepco_pg": 2, "tepsco": 2, "kandenko": 1})

need("bkk_smart_meter", "bangkok", "en", "Knowing consumption by the hour",
     "The metropolitan electricity authority wants to read meters remotely in commercial districts so that customers "
     "can see their hourly use and respond to peak prices.",
     [], ["S36"], {"osaki": 2, "fujielec": 2, "toshiba": 1, "eneres": 1, "melco": 1})

need("ceb_hospital_backup", "cebu", "ja", "病院の停電対策と電気代の削減",
     "台風のたびに停電し、病院はディーゼル発電機に頼っている。太陽光と蓄電池で停電時も重要な機器を動かし、"
     "平常時は電気代を減らしたい。",
     ["disaster_resilience"], ["S14"], {"kyocera": 2, "gs_yuasa": 2, "furukawa_bat": 2, "ntt_ae": 2, "sanyo_denki": 1, "nichicon": 1, "denyo": 1})

need("pal_island", "davao", "en", "An island village running on diesel",
     "Samal island barangays get power from diesel generators for a few hours a day. We want round-the-clock supply "
     "from the sun with batteries, managed locally.",
     [], ["S16"], {"kyocera": 2, "toshiba": 2, "looop": 2, "ngk": 1, "nextenergy": 1, "gs_yuasa": 1})

need("jkt_peak", "jakarta", "ja", "ピーク時の電力需要を抑える仕組み",
     "ジャカルタの商業ビルの冷房で夕方の電力需要が急増する。ビルの設備や蓄電池を束ねて需要を調整する"
     "仕組みを試したい。",
     ["demand_response"], ["S16"], {"eneres": 2, "ntt_ae": 2, "azbil": 1, "melco": 1, "itochu": 1})

need("hcm_ewaste", "hcmc", "en", "Old phones and appliances end up in backyard workshops",
     "Informal workshops burn cables and circuit boards to get copper and gold, polluting the air and soil. The city wants "
     "licensed facilities that recover metals safely.",
     [], ["S16"], {"dowa": 3, "matsuda": 2, "ichikawa": 1, "amita": 1})

need("hn_cooking_oil", "hanoi", "ja", "揚げ物の廃油を集めて燃料にしたい",
     "ハノイの飲食店で揚げ物に使った後の油が下水に流れたり、不衛生に再利用されたりしている。"
     "集める仕組みと、市の車両で使える燃料に変える方法を知りたい。",
     [], ["S16"], {"revo": 3, "jgc": 2, "euglena": 2})

need("sby_plastic", "surabaya", "en", "Plastic bags and bottles clogging the rivers",
     "Surabaya collects more plastic than its recyclers accept. We want to recycle more of it into products or fuel and "
     "keep it out of the rivers.",
     ["plastic_recycling"], ["S25"], {"mchem": 2, "jeplan": 2, "nishihara": 1, "amita": 1, "ichikawa": 1})

need("bkk_food_waste_biogas", "bangkok", "ja", "市場の生ごみからガスをつくりたい",
     "バンコク都の生鮮市場からは毎日大量の野菜くずや魚のあらが出る。これを発酵させてガスを取り出し、"
     "市場の電力や調理に使えないか検討している。",
     [], ["S36"], {"hitz": 2, "jfe": 2, "amita": 2, "green_earth": 1, "jpec": 1})

need("id_palm", "jakarta", "en", "Methane from palm oil mill effluent ponds",
     "Palm oil mills in Sumatra and Kalimantan let wastewater ponds release methane. The ministry wants covered "
     "digesters that capture the gas for power or boilers.",
     ["biogas"], ["S6"], {"jfe": 2, "hitz": 2, "sumitomo_shi": 1, "kurita": 1})

need("dad_smartcity", "danang", "en", "A data platform for city services",
     "Da Nang wants one operations centre that brings together traffic, lighting, flooding and environmental sensors "
     "so that departments can act on live information.",
     ["district_development"], ["S4", "S5"], {"nec": 2, "hitachi": 2, "minebea": 1, "ecomott": 1, "yokogawa": 1})

need("hcm_flood", "hcmc", "ja", "豪雨と高潮による浸水への備え",
     "ホーチミン市では雨季の豪雨と高潮が重なると市街地が浸水する。排水計画と早期警報、水位の遠隔監視を"
     "整えたい。",
     ["disaster_resilience"], ["S16"], {"ctii": 2, "pacific": 2, "nkoei": 2, "ecomott": 1, "pasco": 1, "tsurumi": 1})

need("hp_industrial_park", "haiphong", "en", "An industrial estate where tenants buy clean power",
     "A new estate near Hai Phong wants to offer tenants renewable electricity, shared utilities and a plan for net "
     "zero, to attract foreign manufacturers.",
     [], ["S16"], {"sumitomo_corp": 3, "ntt_ae": 2, "sharp": 2, "tokyu": 1, "nikken": 1, "tges": 1})

need("mn_h2", "ulaanbaatar", "ja", "再エネの余剰電力から水素をつくれないか",
     "ゴビ地域の風力・太陽光は送電網の制約で出力を抑えられることがある。余った電力で水素をつくり、"
     "輸送や熱に使う可能性を調べたい。",
     ["hydrogen_production"], ["S9"], {"asahi_kasei": 2, "kobelco_eco": 2, "toshiba": 1, "mkakoki": 1, "iwatani": 1, "chiyoda": 1})

need("bkk_awd", "bangkok", "en", "Paddy fields that emit methane",
     "Rice farmers in the provinces around Bangkok flood fields continuously. The agriculture office wants to promote "
     "intermittent irrigation and measure the methane it avoids, perhaps for credits.",
     [], ["S16"], {"sagri": 2, "green_carbon": 3, "yanmar": 1, "kubota": 1, "pasco": 1})

need("vn_forest_monitor", "hanoi", "ja", "森林の減少を衛星で監視したい",
     "北部山岳地域で森林の減少が続いている。衛星画像で森林の変化を定期的に把握し、植林の成果と"
     "吸収量を示せるようにしたい。",
     [], ["S16"], {"pasco": 3, "asia_air": 2, "sagri": 1, "idea": 1, "sfc": 1, "jce": 1, "kokusai": 1})

need("dad_district_cooling", "danang", "en", "One cooling plant for a new waterfront district",
     "A new mixed-use district on the Han river will have hotels, offices and a convention centre. The city asks "
     "whether a shared plant that chills water for all buildings would use less power than separate units.",
     ["district_energy"], ["S4"], {"tges": 2, "ebara_fm": 2, "ebara_ref": 2, "takasago": 1, "mhi_ts": 1, "hitachi": 1})
