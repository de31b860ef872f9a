"""Third batch of needs (issue 16): appended after the second batch, keys N82.. in list order.

Written as a city official or a liaison office would state the problem (what they want done, not a product), from the
situations public sources describe: Kitakyushu's cooperation with Hai Phong and Mandalay (S39, S40, S50), Fukuoka's
with Yangon (S43-S45, S49), Kawasaki's with Yangon (S48), Osaka's with Ho Chi Minh City (S47, S51), JCM projects in
Indonesia and Cambodia (S41, S42, S46), JICA project pages (S16). Figures are indicative. Judgements: 3 delivered this
kind of project, 2 has the technology, 1 adjacent. New companies are also judged against earlier needs where they
answer them (`judge` below), so that a relevant new company is never an unlabelled zero.
"""
from build_dataset import NEEDS, need


def judge(slug, grades):
    """Adds judgements of this batch's companies to an earlier need (never changes an existing grade)."""
    n = next(n for n in NEEDS if n["slug"] == slug)
    for company, g in grades.items():
        assert company not in n["judged"], (slug, company)
        n["judged"][company] = g


need("hph_black_water", "haiphong", "ja", "水道水が黒く濁る、においがするという苦情を減らしたい",
     "ハイフォン市水道公社の浄水場では、川の水に含まれるマンガンやアンモニアのために、蛇口から黒っぽい水が出たり"
     "消毒のにおいが強くなったりする。薬を増やすのではなく、維持費の安い方法で水をきれいにしたい。",
     [], ["S39", "S40", "S50"],
     {"kobelco_eco": 3, "kws": 2, "metawater": 2, "suidokiko": 2, "ywater": 1, "meidensha": 1, "swing": 1})

need("hcm_market_residue", "hcmc", "en", "What to do with the leftovers of the wholesale markets",
     "Binh Dien and the other wholesale markets of the city throw away some 50 tonnes a day of spoilt vegetables, fruit "
     "and fish scraps. Trucks carry them across town to the landfill. The city would like them fermented on site or "
     "nearby, with the gas used for electricity in the market.",
     [], ["S51", "S47"], {"hitz": 2, "jfe": 2, "kubota": 1, "tsukishima": 1, "amita": 1})

need("hcm_hotel_cooling", "hcmc", "ja", "ホテルやオフィスビルの冷房と給湯の電気代が高い",
     "ホーチミン市の中規模ホテル・オフィスビルの多くは古い空調機と電気式の給湯器を使い続けている。"
     "大阪市との協力で省エネ設備の補助が使えると聞いた。入れ替えの効果を試算し、工事まで任せられる相手を探している。",
     ["hvac"], ["S47"],
     {"daikin": 2, "melco": 2, "panasonic": 2, "mhi_ts": 2, "sanden": 2, "fujitsu_general": 1, "itomic": 1, "azbil": 1,
      "yazaki": 1})

need("pnh_weak_roofs", "phnompenh", "en", "Solar on buildings whose roofs cannot carry much weight",
     "Many schools, markets and older commercial buildings in Phnom Penh have light roof structures. Owners are told "
     "ordinary panels are too heavy, yet they pay some of the highest power prices in the region. We would like to "
     "know what can be installed on such roofs.",
     [], ["S46"], {"asian_gateway": 3, "sekisui": 2, "enecoat": 2, "sharp": 1, "kyocera": 1, "finetech": 1, "yed": 1})

need("han_truck_fuel", "hanoi", "ja", "運送会社のトラックの燃料を減らしたい",
     "ハノイ市と周辺の省の運送会社は、燃料費が経費の大半を占める。運転手の運転のくせ（急な加速やエンジンのかけっぱなし）"
     "を見える形にし、燃料の使い方を改善する取り組みを市として後押ししたい。",
     [], ["S6"], {"nittsu": 3, "yazaki": 2, "ecomott": 1, "jvc": 1, "isuzu": 1})

need("ygn_dump_fire", "yangon", "en", "Our dumpsites catch fire and smoke reaches the townships",
     "In 2018 a fire burned for weeks at Htein Bin, the largest dumpsite of Yangon, and residents were taken to "
     "hospital. We want the dumps rebuilt so that air enters the waste, water that seeps out is collected and gas does "
     "not build up, at a cost the city can afford, and staff trained to run them.",
     [], ["S43", "S44", "S45"], {"yachiyo": 2, "exri": 2, "daiei": 2, "jce": 1, "kokusai": 1, "nkoei": 1})

need("ygn_kawasaki_factories", "yangon", "ja", "工業団地の工場の省エネを進めたい",
     "ヤンゴン近郊の工業団地の工場では、古いボイラー、空調、照明が使われ続け、停電に備えた自家発電の燃料も多い。"
     "川崎市の支援を受けながら、設備更新でどれだけ排出が減るかの見込みと、日本の制度による補助を使った資金計画を相談したい。",
     [], ["S48"], {"murc": 2, "miura": 2, "suuri": 2, "kanematsu": 2, "melco": 1, "daikin": 1, "tlv": 1})

need("sby_kiln_heat", "surabaya", "en", "Hot exhaust from cement kilns goes up the stack",
     "East Java's cement works near Tuban and Gresik buy most of their electricity from the grid, while the gases from "
     "the kilns and clinker coolers leave at several hundred degrees. The province supports a plan to make the works "
     "generate part of their own power from this heat.",
     ["waste_heat"], ["S41", "S42"],
     {"jfe": 3, "khi": 2, "kobelco": 1, "miura": 1, "sumitomo_shi": 1, "mayekawa": 1})

need("mdy_collection", "mandalay", "ja", "ごみの収集と分別、生ごみの堆肥化",
     "マンダレー市では収集車が足りず、市場や住宅地にごみが残る。集めたごみはほぼ全量を郊外の処分地に運んでいる。"
     "北九州市から学んだことを生かし、分別の仕組み、小さな選別拠点、市場の生ごみの堆肥づくりを始めたい。",
     [], ["S50"], {"nishihara": 2, "amita": 2, "jpec": 2, "kyokuto": 2, "exri": 1, "yachiyo": 1, "isuzu": 1})

need("mdy_supply", "mandalay", "en", "Water for a few hours a day, and much of it never billed",
     "Mandalay's network delivers water only part of the day in many wards, pressure is low, and a large share of what "
     "the plants produce is not paid for. The city wants a plan to extend supply hours, find losses and meter "
     "customers.",
     ["water_supply"], ["S50", "S16"],
     {"ywater": 2, "tokyo_suido": 2, "njs": 2, "nissuicon": 2, "fujitecom": 1, "torishima": 1, "osaki": 1})

need("hue_citadel_sewer", "hue", "ja", "旧市街の生活排水が堀や川に流れ込んでいる",
     "フエ市では、城郭のまわりの堀や香河に家庭の排水がそのまま流れ込み、雨季には街が水につかる。"
     "下水の管を整え、処理場をつくる計画と設計を支援してほしい。観光地であり工事の影響も小さくしたい。",
     [], ["S16"],
     {"nihon_suido": 3, "njs": 2, "nissuicon": 2, "metawater": 2, "maezawa": 1, "ctii": 1, "sekisui": 1, "tgs": 1})

need("dvo_household_sanitation", "davao", "ja", "下水道のない住宅地の生活排水",
     "ダバオ市の住宅の大半は下水道につながっておらず、腐敗槽の汚泥の引き抜きも行われていない。"
     "新しい住宅地では家ごとの処理装置を義務づけることも考えている。汚泥を受け入れて処理する施設も必要だ。",
     [], ["S16", "S26"],
     {"daiki_axis": 2, "fujiclean": 2, "ywater": 2, "yachiyo": 2, "njs": 1, "lixil": 1, "tsukishima": 1})

need("ceb_pump_drives", "cebu", "ja", "水道局のポンプの電気代を下げたい",
     "セブ都市圏の水道事業体では井戸と配水池のポンプが一定の速さで回り続け、夜は弁で絞って使っている。"
     "電力料金が上がり、ポンプの更新と回転数の制御で電気代を減らしたい。",
     ["motors"], ["S26"],
     {"yaskawa": 2, "fujielec": 2, "ebara_pumps": 2, "torishima": 2, "melco": 1, "ywater": 1, "tsurumi": 1})

need("han_ip_effluent", "hanoi", "en", "Effluent of the industrial parks must be cleaner, and could be reused",
     "Industrial parks around Hanoi discharge into canals that flow to the Nhue and Day rivers. The city will tighten "
     "the limits, and some parks are short of water. They want central plants that meet the new limits and produce "
     "water the factories can use again.",
     ["sewage_treatment"], ["S16"],
     {"meidensha": 2, "kubota": 2, "kurita": 2, "swing": 2, "organo": 1, "toray": 1, "sanki": 1})

need("pnh_uncollected", "phnompenh", "ja", "路上に積まれたまま回収されないごみ",
     "プノンペン都では収集の委託業者の体制が追いつかず、休日の後などに道路わきにごみが積まれる。"
     "収集車の更新、詰め替えの中継地点、収集ルートの計画づくりを進めたい。",
     [], ["S50"], {"kyokuto": 2, "exri": 2, "yachiyo": 2, "nishihara": 1, "daiei": 1, "isuzu": 1})

need("cmi_small_incinerator", "chiangmai", "en", "A small plant to burn the refuse of a provincial town",
     "Municipalities in Chiang Mai province collect 50 to 100 tonnes of refuse a day each and dump it in open pits. "
     "The province is looking at a plant sized for such towns that burns the waste cleanly and, if possible, makes "
     "some electricity.",
     ["waste_to_energy"], ["S8"],
     {"plantec": 2, "takuma": 2, "ebara_env": 2, "hitz": 2, "jfe": 1, "nseng": 1, "daiei": 1})

need("hcm_factory_roofs", "hcmc", "en", "Factories in the export zones want to make their own electricity",
     "Tenants of the export processing zones around Ho Chi Minh City are asked by their foreign buyers to cut emissions. "
     "Their roofs are large and flat. Osaka's partners have helped some of them; more want the same, preferably "
     "without paying for the equipment themselves.",
     ["solar_pv"], ["S47"],
     {"sharp": 2, "finetech": 2, "ntt_ae": 2, "kyocera": 2, "kyudenko": 1, "itochu": 1, "orix": 1})

need("mdn_geothermal", "medan", "en", "A partner to run and finance geothermal fields in North Sumatra",
     "The province has several volcanic areas where steam has been proven, but developers have struggled to raise "
     "money and manage the drilling risk. We are looking for companies that invest in such plants and operate them "
     "over decades.",
     ["geothermal"], ["S6"],
     {"kyuden": 3, "west_jec": 2, "jpower": 2, "fujielec": 1, "toshiba": 1, "orix": 1})

need("dvo_flood_warning", "davao", "ja", "川のはん濫を早く知らせたい",
     "ダバオ川の流域で大雨のたびに住宅地が浸水する。上流の雨量と川の水位を自動で集め、住民に早く避難を呼びかける"
     "仕組みと、排水の計画が必要だ。",
     ["disaster_resilience"], ["S16"],
     {"jrc": 3, "weathernews": 2, "ctii": 2, "nkoei": 2, "ecomott": 1, "oyo": 1, "pacific": 1})

need("vte_substations", "vientiane", "en", "Substations in the capital are overloaded",
     "Demand in Vientiane has grown faster than the substations. Transformers run hot in the dry season, feeders trip "
     "and losses are high. The utility wants to renew substations and plan the distribution network.",
     ["power_distribution"], ["S16"],
     {"meidensha": 2, "tepsco": 2, "tepco_pg": 2, "fujielec": 2, "daihen": 1, "proterial": 1, "hitachi_ies": 1})

need("bkk_city_trucks", "bangkok", "en", "Electric trucks for the city's own services",
     "The BMA runs thousands of diesel trucks for refuse, road cleaning and parks. We want to start replacing the small "
     "ones with battery-electric models, with chargers in the depots, and to compare the running costs.",
     [], ["S36"], {"isuzu": 2, "tsusho": 2, "evmj": 2, "nissan": 1, "toshiba": 1, "nichicon": 1, "kyokuto": 1})

need("ygn_thilawa_effluent", "yangon", "ja", "経済特区の工場排水の処理",
     "ティラワ経済特区では入居する工場が増え、集中処理施設の能力と放流水の水質が課題になっている。"
     "処理の拡張と、処理した水を工場に戻して使う方法を検討したい。",
     [], ["S16"], {"kurita": 2, "swing": 2, "meidensha": 2, "kubota": 2, "organo": 1, "metawater": 1})

need("mdn_canal_hydro", "medan", "ja", "農業用水路の落差で電気をつくりたい",
     "北スマトラ州の山あいには、落差のある灌漑用水路や小川が多い。集落の電源や精米所の動力として、"
     "小さな発電機を設けられる場所を調べ、機器を入れたい。",
     ["small_hydro"], ["S16"], {"tanaka_hydro": 2, "ntn": 2, "nishimatsu": 2, "tepsco": 1, "jpower": 1, "satake": 1})

need("bkk_canal_quality", "bangkok", "en", "Knowing the state of the canals hour by hour",
     "Bangkok samples its canals by hand a few times a year, so illegal discharges go unnoticed. We want stations that "
     "measure oxygen, organic load and turbidity continuously and send the readings to the city.",
     ["sensors_iot"], ["S36"], {"toa_dkk": 2, "ebara_ag": 2, "yokogawa": 2, "horiba": 1, "shimadzu": 1, "ecomott": 1})

need("pnh_mall_chiller", "phnompenh", "ja", "大型商業施設の冷房の電力",
     "プノンペンの大型ショッピングモールでは、建物全体を冷やす冷水の製造に電力の半分以上を使っている。"
     "古い冷凍機を入れ替え、冷水と冷却水のポンプの運転も見直したい。",
     ["hvac"], ["S6"],
     {"ebara_ref": 2, "mhi_ts": 2, "ebara_fm": 2, "takasago": 2, "daikin": 1, "yazaki": 1, "yaskawa": 1})

need("hue_lamps", "hue", "ja", "古い街灯をまとめて入れ替えたい",
     "フエ市の道路や公園の照明はナトリウム灯と水銀灯が中心で、電気代と球の交換が負担になっている。"
     "景観に合う器具で、点灯の時間や明るさを細かく調整できるようにしたい。",
     [], ["S16"], {"minebea": 2, "iwasaki": 2, "endo": 2, "melco": 1, "panasonic": 1})

need("mdy_husk", "mandalay", "en", "Husk from rice mills could power the mills",
     "Mandalay region mills a large part of Myanmar's paddy. Husk piles up beside the mills or is burnt, while the mills "
     "run on diesel because the grid is unreliable. The region would like a few plants of one to ten megawatts fuelled "
     "by husk.",
     ["biomass_power"], ["S16"],
     {"jpower": 3, "takuma": 2, "sumitomo_shi": 2, "satake": 1, "oji": 1, "ihi": 1})

need("hcm_hot_classrooms", "hcmc", "en", "Classrooms and wards too hot to use in the afternoon",
     "Public schools and district hospitals in Ho Chi Minh City have metal roofs and large windows facing west. Rooms "
     "become unbearable after midday and air conditioners are added one by one. The city wants to keep heat out of the "
     "buildings first.",
     ["buildings"], ["S47"], {"kansai_paint": 2, "agc": 2, "ykk_ap": 2, "daikin": 1, "shimizu": 1, "takasago": 1})

need("hph_food_steam", "haiphong", "ja", "食品工場の蒸気の無駄を減らしたい",
     "ハイフォン市の工業団地の食品・飲料工場では、ボイラーでつくった蒸気が配管の途中で漏れたり、"
     "冷えた水が回収されずに捨てられたりしている。燃料を減らす改善を進めたい。",
     [], ["S6"], {"tlv": 2, "miura": 2, "samson": 2, "nichias": 1, "suuri": 1, "kobelco": 1})

# This batch's companies against earlier needs they answer.
judge("hph_purification", {"kws": 2, "meidensha": 1})
judge("yg_nrw", {"njs": 2})
judge("dad_sewer_plan", {"njs": 2, "nissuicon": 2})
judge("ceb_septage", {"njs": 1, "daiki_axis": 1, "fujiclean": 1, "lixil": 1})
judge("pnh_pumping", {"yaskawa": 2})
judge("vte_microhydro", {"tanaka_hydro": 2})
judge("vte_microhydro_ja", {"tanaka_hydro": 2})
judge("id_geothermal", {"kyuden": 2})
judge("hcm_flood", {"jrc": 2, "weathernews": 2, "oyo": 1})
judge("sby_textile_steam", {"tlv": 2, "nichias": 1})
judge("bkk_office_retrofit", {"agc": 2, "kansai_paint": 1})
judge("dad_ebus", {"isuzu": 1})
judge("hcm_ip_wwtp", {"swing": 1, "meidensha": 1})
judge("jkt_reuse", {"meidensha": 1})
judge("ceb_separation", {"kyokuto": 1})
judge("bkk_rooftop", {"asian_gateway": 1})
