"""Second batch of companies (issue 16): appended after build_dataset.py's first 78, keys C79.. in list order.

Profiles paraphrase public information: the companies' product pages and overseas references (S15), JCM model
project lists (S6, S32-S34, S38), Yokohama's city-to-city cooperation (S14, S35-S37). A third are described only
in Japanese, as a Japanese SME would describe itself. Never copy a need's wording here (validate.py checks).
"""
from build_dataset import T, R, co

co("finetech", "株式会社ファインテック", None, True, "sme", True, ["ja"], ["TH"], [
    T(["solar_pv"], title_ja="工場屋根の自家消費型太陽光発電（初期費用ゼロ）",
      desc_ja="横浜市の中小企業。タイの工場屋根に太陽光パネルを設置し、発電した電気を工場に長期契約で販売する。"
              "設備は当社が保有し、工場側の投資は不要。"),
], [R("TH", "Bangkok", 2022, "バンコク都内の工場屋根に太陽光発電を設置（JCM設備補助、年約840トンのCO2削減見込み）。")],
   ["S35", "S36"])

co("looop", None, "Looop Inc.", False, "sme", False, ["en"], ["PH", "MM", "KH"], [
    T(["solar_pv", "microgrid"], "Off-grid solar kits and small solar plants",
      "Packaged photovoltaic kits with controllers for sites without a grid connection, and small ground-mounted "
      "plants sold under power purchase agreements."),
])

co("nextenergy", "ネクストエナジー・アンド・リソース株式会社", None, False, "sme", False, ["ja"], ["MN", "PH", "KE"], [
    T(["solar_pv"], title_ja="太陽電池モジュールの検査・リユースと無電化地域向け電源",
      desc_ja="使用済み太陽電池モジュールの性能検査と再利用、独立型の太陽光電源システムの販売。アジア・アフリカの未電化村に納入。"),
])

co("jpower", "電源開発株式会社（J-POWER）", "Electric Power Development Co., Ltd. (J-POWER)", False, "large", False,
   ["ja", "en"], ["VN", "TH", "PH", "ID"], [
       T(["biomass_power"], "Rice husk fired power plant",
         "Independent power producer building a 10 MW plant that burns husks from rice mills in the Mekong delta.",
         "もみ殻発電所", "精米所から出るもみ殻を燃料とする10MW級発電所の開発・運営。"),
       T(["geothermal", "small_hydro"], "Geothermal and hydropower development",
         "Survey, development and operation of geothermal and hydro plants.",
         "地熱・水力発電の開発", "地熱発電所・水力発電所の調査・開発・運営。"),
   ], [R("VN", "Hau Giang", 2021, "10 MW rice husk power plant selected as a JCM model project.")], ["S32"])

co("ihi", "株式会社IHI", "IHI Corporation", False, "large", False, ["ja", "en"], ["ID", "VN", "MY"], [
    T(["biomass_power", "ammonia_efuels"], "Biomass and ammonia co-firing in utility boilers",
      "Boiler modifications that replace part of the coal with wood pellets, palm kernel shells or ammonia.",
      "ボイラーのバイオマス・アンモニア混焼", "石炭ボイラーへの木質ペレット・PKS・アンモニアの混焼技術。"),
])

co("west_jec", "西日本技術開発株式会社", None, False, "sme", False, ["ja"], ["ID", "PH", "KE"], [
    T(["geothermal"], title_ja="地熱資源の調査・評価と発電所のコンサルティング",
      desc_ja="地表調査、坑井の掘削管理、貯留層評価から発電所の計画まで。インドネシア・フィリピン・ケニアでの調査実績。"),
])

co("ntn", "NTN株式会社", None, False, "large", False, ["ja"], ["LA", "NP"], [
    T(["small_hydro"], title_ja="マイクロ水車（小型水力発電装置）",
      desc_ja="農業用水路や小さな河川の落差を利用して発電する小型の水車。工事が小規模で、山間部の集落の電源になる。"),
], [R("LA", None, 2019, "ラオスの山間部の村で農業用水路を活用したマイクロ水力発電の実証。")])

co("amita", "アミタ株式会社", None, False, "sme", False, ["ja"], ["PH", "MY", "ID"], [
    T(["recycling", "composting"], title_ja="地域の資源循環と有機残さのリサイクル",
      desc_ja="事業者や自治体の廃棄物を分別・再資源化し、生ごみはメタン発酵や堆肥化で循環させる仕組みづくり。"),
], [R("PH", "Cebu", 2019, "セブでの分別収集と有機ごみリサイクルの調査。")], ["S37"])

co("daiei", "大栄環境株式会社", None, False, "large", False, ["ja"], ["VN", "ID"], [
    T(["landfill", "waste_to_energy"], title_ja="廃棄物の収集運搬・焼却・最終処分場の運営",
      desc_ja="産業廃棄物と一般廃棄物の収集から焼却、埋立処分までを一貫して行う。浸出水処理やガス抜きを備えた管理型処分場の運営実績。"),
])

co("maezawa", "前澤工業株式会社", None, False, "sme", False, ["ja"], ["VN", "TH"], [
    T(["sewage_treatment", "sludge_energy"], title_ja="下水処理場の機械設備と汚泥処理",
      desc_ja="沈殿池の汚泥かき寄せ機、反応槽の散気設備、脱水機、消化タンクの攪拌装置などの設計・製作。"),
])

co("tokyo_suido", "東京水道株式会社", "Tokyo Water Co., Ltd.", False, "large", False, ["ja", "en"], ["MY", "MM", "TW"], [
    T(["water_supply"], "Distribution network management and leakage control",
      "Consulting for utilities abroad on district metered areas, pressure management, metering and repair crews.",
      "配水管理・漏水防止", "東京都水道局の技術を活かした配水管網の管理と漏水防止の支援。"),
], [R("MY", "Kuala Lumpur", 2015, "Non-revenue water reduction support for a Malaysian state water utility.")])

co("suidokiko", "水道機工株式会社", None, False, "sme", False, ["ja"], ["VN", "KH"], [
    T(["water_supply"], title_ja="浄水処理設備（急速ろ過・膜ろ過）",
      desc_ja="河川水を飲料水にする浄水場のろ過設備、薬品注入設備の設計・施工。"),
])

co("endo", "遠藤照明株式会社", "Endo Lighting Corporation", False, "large", False, ["ja", "en"], ["TH", "MY", "SG"], [
    T(["lighting"], "LED luminaires for streets and buildings",
      "Energy-efficient luminaires with long-life drivers for roads, parks, stores and offices.",
      "LED照明器具", "道路・公園・店舗・オフィス向けの長寿命LED照明。"),
])

co("fujitsu_general", None, "Fujitsu General Limited", False, "large", False, ["en"], ["TH", "VN", "IN"], [
    T(["hvac"], "Inverter split and VRF air conditioners",
      "Room and variable refrigerant flow units for homes, hotels and small commercial buildings."),
])

co("takasago", "高砂熱学工業株式会社", None, False, "large", False, ["ja"], ["VN", "TH", "ID", "PH"], [
    T(["hvac", "buildings"], title_ja="建物・工場の空調設備工事と省エネ改修",
      desc_ja="オフィスビル、病院、半導体工場のクリーンルームなどの空調設計・施工と、既存設備の高効率化改修。東南アジアの現地法人で施工。"),
])

co("gs_yuasa", "株式会社GSユアサ", "GS Yuasa Corporation", False, "large", False, ["ja", "en"], ["TH", "VN", "ID"], [
    T(["battery_storage"], "Lithium-ion and lead-acid stationary batteries",
      "Storage systems for renewable smoothing, telecom sites and hospitals' backup supply.",
      "産業用蓄電池", "再エネの出力平滑化や通信基地局、病院の非常用に使うリチウムイオン電池と鉛蓄電池。"),
])

co("yamaha", None, "Yamaha Motor Co., Ltd.", False, "large", False, ["en"], ["TW", "ID", "VN"], [
    T(["ev"], "Electric scooters and e-bikes", "Two-wheel electric models for commuting and delivery fleets.", maturity="commercial"),
])

co("tsusho", "豊田通商株式会社", "Toyota Tsusho Corporation", False, "large", False, ["ja", "en"], ["TH", "KE", "VN"], [
    T(["ev", "ev_charging"], "Electric mobility introduction and fleet services",
      "Imports and maintains electric vehicles and chargers for fleets; feasibility studies for urban e-mobility.",
      "電動車の導入支援", "商用車・バスの電動化と充電設備の導入支援。"),
    T(["wind_power"], "Wind farm development", "Onshore wind projects through an affiliated developer.",
      "風力発電所の開発", "関連会社の開発事業者を通じた陸上風力発電事業。"),
])

co("kyosan", "株式会社京三製作所", None, False, "large", False, ["ja"], ["IN", "TW", "KH"], [
    T(["public_transport", "controls"], title_ja="交通信号制御システム・鉄道信号",
      desc_ja="交差点の信号機と、交通量に応じて青時間を変える集中制御システム。プノンペンでの信号整備の実績。"),
], [R("KH", "Phnom Penh", 2018, "プノンペンの交差点の信号機更新と管制センター整備（無償資金協力）。")])

co("mitsui_es", None, "Mitsui E&S Co., Ltd.", False, "large", False, ["en"], ["VN", "ID", "TH"], [
    T(["carbon_neutral_port"], "Container cranes with hybrid and electric drives",
      "Quay and yard cranes; retrofits that put diesel-driven yard cranes on electric supply or batteries."),
])

co("asahi_kasei", None, "Asahi Kasei Corporation", False, "large", False, ["en"], ["TH", "DE"], [
    T(["hydrogen_production"], "Alkaline water electrolysers",
      "Large-scale alkaline electrolysis systems that split water into hydrogen using renewable power.", maturity="pilot"),
])

co("idea", "いであ株式会社", None, False, "large", False, ["ja"], ["VN", "ID", "MY"], [
    T(["blue_carbon", "mrv"], title_ja="沿岸生態系の調査とマングローブ・藻場の再生",
      desc_ja="マングローブ林や藻場の分布調査、植林計画、炭素吸収量の算定。東南アジアの沿岸域で調査実績。"),
])

co("zeroboard", None, "Zeroboard Inc.", False, "sme", False, ["en"], ["TH", "SG"], [
    T(["mrv"], "Greenhouse gas accounting software",
      "Cloud service that calculates scope 1, 2 and 3 emissions from activity data and prepares disclosures."),
])

co("itomic", "日本イトミック株式会社", None, False, "sme", False, ["ja"], ["TW"], [
    T(["heat_pump"], title_ja="電気温水器・ヒートポンプ給湯",
      desc_ja="ホテルや病院、工場の給湯をまかなう貯湯式の電気温水器とヒートポンプ。"),
])

co("samson", "株式会社サムソン", None, False, "sme", False, ["ja"], ["TH"], [
    T(["fuel_switching", "waste_heat"], title_ja="貫流ボイラーと排熱回収",
      desc_ja="工場向けの小型貫流ボイラー、ガス焚きへの転換、ドレン・排ガスの熱回収装置。"),
])

co("anest", None, "Anest Iwata Corporation", False, "large", False, ["en"], ["TH", "VN", "IN"], [
    T(["motors"], "Oil-free scroll compressors", "Compressed-air packages with inverter control for factories."),
])

co("kobelco", None, "Kobelco Compressors Corporation", False, "large", False, ["en"], ["TH", "ID", "CN"], [
    T(["waste_heat", "motors"], "Micro binary generators and efficient compressors",
      "Small organic Rankine cycle units that turn hot water or low-pressure steam at 70-95 °C into electricity; "
      "inverter-driven screw compressors."),
])

co("ctii", None, "CTI Engineering International Co., Ltd.", False, "large", False, ["en"], ["PH", "VN", "ID"], [
    T(["disaster_resilience"], "Flood risk management and drainage master plans",
      "River and urban drainage studies, flood forecasting and early-warning systems."),
])

co("ntt_f", "株式会社NTTファシリティーズ", None, False, "large", False, ["ja"], ["VN", "SG", "TH"], [
    T(["ems", "solar_pv"], title_ja="データセンター・通信ビルの省エネと太陽光",
      desc_ja="データセンターの電源・空調の省エネ設計、建物のエネルギー管理、太陽光発電所の建設。"),
])

co("daihen", "株式会社ダイヘン", None, False, "large", False, ["ja"], ["TH", "VN"], [
    T(["power_distribution"], title_ja="配電用変圧器・電圧調整器",
      desc_ja="配電線の電圧を安定させる自動電圧調整器と低損失の柱上変圧器。"),
])

co("osaki", "大崎電気工業株式会社", "Osaki Electric Co., Ltd.", False, "large", False, ["ja", "en"], ["TH", "MY", "SG"], [
    T(["power_distribution", "sensors_iot"], "Smart meters and metering data systems",
      "Electricity meters with two-way communication and head-end software for utilities.",
      "スマートメーター", "双方向通信の電力量計と、検針データを集める電力会社向けシステム。"),
])

co("sumitomo_shi", None, "Sumitomo SHI FW", False, "large", False, ["en"], ["TH", "ID", "PH", "VN"], [
    T(["biomass_power", "waste_to_energy"], "Circulating fluidized bed boilers",
      "Boilers that burn difficult fuels: wood residues, palm shells, bagasse, refuse-derived fuel."),
])

co("ykk_ap", "YKK AP株式会社", None, False, "large", False, ["ja"], ["ID", "TH", "VN"], [
    T(["buildings"], title_ja="高断熱窓・日射遮蔽サッシ",
      desc_ja="樹脂窓や複層ガラスで室内に入る熱を抑え、冷房負荷を減らす。インドネシア・タイに工場。"),
])

co("sagri", None, "Sagri Co., Ltd.", False, "sme", False, ["en"], ["IN", "TH", "VN"], [
    T(["forestry_agri", "mrv"], "Satellite analysis of farmland",
      "Maps fields and soil from satellite images; monitors alternate wetting and drying in paddies for methane credits."),
])

co("dowa", "DOWAエコシステム株式会社", None, False, "large", False, ["ja"], ["TH", "ID", "VN", "SG"], [
    T(["recycling"], title_ja="家電・電子機器のリサイクルと有害廃棄物処理",
      desc_ja="使用済みの家電や電子基板から金属を回収し、有害物を無害化する。東南アジアに処理拠点を持つ。"),
])

co("revo", "株式会社レボインターナショナル", None, False, "sme", False, ["ja"], ["VN"], [
    T(["shipping_aviation", "fuel_switching"], title_ja="廃食用油からのバイオディーゼル燃料",
      desc_ja="飲食店や家庭から使用済みの食用油を回収し、ごみ収集車やバスの燃料になるバイオディーゼルを製造する。"),
])

co("docomo_bike", "株式会社ドコモ・バイクシェア", None, False, "large", False, ["ja"], [], [
    T(["public_transport"], title_ja="シェアサイクル（電動アシスト自転車）の運営",
      desc_ja="街中のポートで電動アシスト自転車を貸し出し、スマートフォンで予約・決済する都市型の共有サービス。"),
])

co("marubeni", None, "Marubeni Corporation", False, "large", False, ["en"], ["VN", "PH", "ID", "TH"], [
    T(["waste_to_energy", "solar_pv"], "Infrastructure investment in power and waste",
      "Develops and owns power plants, including refuse-fired plants and solar farms, under long-term offtake contracts."),
])

co("sumitomo_corp", None, "Sumitomo Corporation", False, "large", False, ["en"], ["VN", "ID", "PH"], [
    T(["district_development", "solar_pv"], "Industrial park development and utilities",
      "Develops and operates industrial estates in Viet Nam and Indonesia, with on-site rooftop solar for tenants."),
])

co("shimizu", "清水建設株式会社", None, False, "large", False, ["ja"], ["SG", "TH", "VN"], [
    T(["buildings", "ems"], title_ja="ZEB・スマートビルの設計施工",
      desc_ja="高断熱外皮、自然換気、太陽光、建物のエネルギー管理システムを組み合わせた省エネ建築。"),
])

co("nseng", None, "Nippon Steel Engineering Co., Ltd.", False, "large", False, ["en"], ["TH", "MY", "CN"], [
    T(["waste_to_energy"], "Gasification and melting furnaces for waste",
      "Shaft-type furnaces that gasify refuse and melt the ash into slag; power from the syngas."),
])

co("mkakoki", "三菱化工機株式会社", None, False, "sme", False, ["ja"], ["TH", "CN"], [
    T(["hydrogen_production", "hydrogen_use"], title_ja="オンサイト水素製造装置",
      desc_ja="都市ガスやバイオガスを改質して水素をつくる小型装置。水素ステーションに納入。"),
    T(["sewage_treatment"], title_ja="排水処理装置", desc_ja="工場排水の処理設備。"),
])

co("iwatani", "岩谷産業株式会社", "Iwatani Corporation", False, "large", False, ["ja", "en"], ["US", "AU", "SG"], [
    T(["hydrogen_use"], "Hydrogen supply and refuelling stations",
      "Produces, transports and sells liquefied and compressed hydrogen; builds refuelling stations.",
      "水素の製造・輸送・供給", "液化水素・圧縮水素の供給と水素ステーションの運営。"),
])

co("torishima", "株式会社酉島製作所", "Torishima Pump Mfg. Co., Ltd.", False, "large", False, ["ja", "en"], ["VN", "ID", "TH", "PH"], [
    T(["motors", "water_supply"], "Large pumps for water utilities",
      "High-efficiency pumps for intake, transmission and distribution stations; condition monitoring.",
      "上水道用の大型ポンプ", "取水・送水・配水ポンプ場向けの高効率ポンプと状態監視。"),
])

co("nec", None, "NEC Corporation", False, "large", False, ["en"], ["TH", "ID", "IN"], [
    T(["district_development", "sensors_iot"], "City operations platforms",
      "Data platforms combining cameras, sensors and city services; traffic and safety dashboards for local governments."),
])

co("pasco", "株式会社パスコ", None, False, "large", False, ["ja"], ["VN", "ID", "LA", "MN"], [
    T(["forestry_agri", "mrv", "disaster_resilience"], title_ja="航空・衛星測量とGISによる森林・土地被覆の把握",
      desc_ja="衛星画像と航空レーザー計測で森林の分布や浸水域を地図化し、森林減少の監視や防災計画に活用する。"),
])

co("yed", "横浜環境デザイン株式会社", None, True, "sme", False, ["ja"], [], [
    T(["solar_pv", "ev_charging", "battery_storage"], title_ja="住宅・事業所の太陽光・蓄電池・EV充電設備",
      desc_ja="横浜市内で住宅や事業所向けに太陽光発電、蓄電池、電気自動車用の充電設備を設計・施工。"),
])

co("kokusai", "国際航業株式会社", None, False, "large", False, ["ja"], ["ID", "PH", "VN"], [
    T(["mrv", "decarb_planning"], title_ja="温室効果ガス排出量の算定と自治体の計画策定支援",
      desc_ja="自治体の温室効果ガスの排出量推計、削減目標とロードマップの作成、地理空間情報の活用。"),
])

co("tepco_pg", None, "TEPCO Power Grid", False, "large", False, ["en"], ["VN", "MM", "BD"], [
    T(["power_distribution"], "Distribution network operation and loss reduction consulting",
      "Advises utilities on technical and commercial losses, outage reduction and substation automation."),
])

co("kyudenko", "株式会社九電工", None, False, "large", False, ["ja"], ["VN", "SG", "MM"], [
    T(["solar_pv", "hvac"], title_ja="太陽光発電所の建設と電気・空調設備工事",
      desc_ja="メガソーラーの設計・建設、ビル・工場の電気設備と空調設備の工事。"),
])

co("denyo", "デンヨー株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "ID"], [
    T(["disaster_resilience"], title_ja="エンジン発電機・溶接機",
      desc_ja="建設現場や非常用に使うディーゼルエンジン発電機。"),
])

co("furukawa_bat", None, "The Furukawa Battery Co., Ltd.", False, "large", False, ["en"], ["TH", "VN", "ID"], [
    T(["battery_storage"], "Lead-carbon and lithium batteries for energy storage",
      "Long-cycle batteries for solar storage, telecom towers and uninterruptible supply."),
])

co("tsubame", None, "Tsubame BHB Co., Ltd.", False, "sme", False, ["en"], ["BR"], [
    T(["ammonia_efuels"], "On-site ammonia synthesis", "Small ammonia plants with an electride catalyst.", maturity="pilot"),
])

co("sekisui_house", None, "Sekisui House, Ltd.", False, "large", False, ["en"], ["US", "AU", "SG"], [
    T(["buildings"], "Net-zero-energy homes", "Detached houses with insulation, solar and fuel cells."),
])

co("itochu", None, "ITOCHU Corporation", False, "large", False, ["en"], ["PH", "ID", "TH"], [
    T(["battery_storage", "solar_pv"], "Distributed storage and solar for businesses",
      "Sells battery systems with cloud control and develops solar projects with partners."),
])

co("ngk", "日本ガイシ株式会社", "NGK Insulators, Ltd.", False, "large", False, ["ja", "en"], ["AE", "DE", "TH"], [
    T(["battery_storage", "microgrid"], "NAS (sodium-sulfur) batteries", "Multi-hour storage for grids and islands.",
      "NAS電池（大容量の電力貯蔵）",
      "ナトリウムと硫黄を使う大容量の蓄電池。再エネの出力変動の平滑化や離島の電力系統の安定化に用いる。"),
])

co("hitachi_ies", "株式会社日立産機システム", None, False, "large", False, ["ja"], ["TH", "VN", "CN"], [
    T(["motors"], title_ja="高効率モーター・アモルファス変圧器・空気圧縮機",
      desc_ja="工場の電動機、インバータ、オイルフリー圧縮機、損失の少ない変圧器の製造・販売。"),
    T(["power_distribution"], title_ja="アモルファス変圧器", desc_ja="無負荷損失を大幅に減らした配電用変圧器。"),
])

co("kurimoto", "株式会社栗本鐵工所", None, False, "large", False, ["ja"], ["VN"], [
    T(["water_supply"], title_ja="水道用ダクタイル鉄管・バルブ", desc_ja="上水道の送配水管とバルブ。"),
])

co("ebara_ag", "荏原実業株式会社", None, False, "sme", False, ["ja"], ["VN", "KH"], [
    T(["sewage_treatment", "sensors_iot"], title_ja="水処理の計測機器・オゾン発生装置",
      desc_ja="下水処理場・浄水場向けの水質計測器、オゾン処理装置、散気装置。"),
])

co("kanematsu", None, "Kanematsu Corporation", False, "large", False, ["en"], ["VN", "ID", "TH"], [
    T(["ems", "hvac"], "Energy-saving equipment trade for factories",
      "Supplies inverter chillers, compressors and monitoring to Japanese and local factories in Southeast Asia."),
])

co("tokyo_gas_asia", None, "Tokyo Gas Asia", False, "large", False, ["en"], ["TH", "VN", "MY", "PH"], [
    T(["fuel_switching", "cogeneration"], "Gas supply and energy services for industry",
      "Helps factories move boilers from oil or coal to natural gas, and builds on-site energy plants under service contracts."),
])

co("ecomott", "エコモット株式会社", None, False, "sme", False, ["ja"], [], [
    T(["sensors_iot"], title_ja="IoT遠隔監視（積雪・河川水位・設備）",
      desc_ja="センサーと通信機器を現場に設置し、水位や機器の状態をクラウドで監視・通知する。"),
])

co("nishimatsu", "西松建設株式会社", None, False, "large", False, ["ja"], ["VN", "TH"], [
    T(["small_hydro", "buildings"], title_ja="小水力発電所の開発・建設",
      desc_ja="河川の流れを利用した小水力発電所を自ら開発・建設・運営。建築工事も手がける。"),
])

co("green_earth", None, "Green Earth Institute Co., Ltd.", False, "sme", False, ["en"], ["TH", "VN"], [
    T(["green_materials", "biogas"], "Bio-based chemicals from non-food biomass",
      "Fermentation technology converting bagasse and other cellulose into chemicals.", maturity="pilot"),
])

co("glafit", "glafit株式会社", None, False, "sme", False, ["ja"], [], [
    T(["ev"], title_ja="電動バイク・電動キックボード", desc_ja="折りたたみ式の電動バイクと立ち乗り型モビリティ。"),
])

co("nihon_suido", "日本水工設計株式会社", None, False, "large", False, ["ja"], ["VN", "LA", "MM", "ID"], [
    T(["sewage_treatment", "decarb_planning"], title_ja="下水道計画と下水処理場の設計",
      desc_ja="下水道の基本計画、処理場とポンプ場の設計、維持管理計画。アジアの都市でODA事業の設計を担当。"),
], [R("VN", "Hue", 2016, "フエ市の下水道整備事業の設計監理。")])

co("ebara_fm", "株式会社荏原製作所（風水力）", "Ebara Corporation (fluid machinery)", False, "large", False,
   ["ja", "en"], ["ID", "VN", "TH"], [
       T(["hvac", "motors"], "Chillers and pumps for district cooling plants",
         "Large chillers, cooling-water pumps and controls for central plants serving several buildings.",
         "地域冷房プラントの冷凍機・ポンプ", "複数の建物に冷水を供給するプラントの冷凍機とポンプ。"),
])

co("eneres", None, "ENERES Co., Ltd.", False, "sme", False, ["en"], ["JP"], [
    T(["demand_response"], "Demand response aggregation",
      "Aggregates flexible loads of buildings and batteries and bids them into capacity and balancing markets."),
])

co("jce", None, "Japan Conservation Engineers & Co., Ltd.", False, "sme", False, ["en"], ["MN", "LA"], [
    T(["forestry_agri", "disaster_resilience"], "Slope protection and reforestation engineering",
      "Erosion control, landslide countermeasures and replanting of degraded slopes."),
])

co("jtec", None, "Japan Transportation Consultants, Inc.", False, "large", False, ["en"], ["VN", "TH", "ID", "PH"], [
    T(["public_transport", "decarb_planning"], "Railway and bus rapid transit planning",
      "Feasibility studies and design of urban rail and dedicated busway corridors."),
], [R("VN", "Hanoi", 2018, "Technical consulting for an urban railway line.")])

co("kandenko", "株式会社関電工", None, False, "large", False, ["ja"], ["VN", "MM", "TH"], [
    T(["power_distribution", "solar_pv"], title_ja="送配電線工事と太陽光発電所の建設",
      desc_ja="架空・地中の配電線工事、変電設備工事、メガソーラーの設計・施工。"),
])

co("sanden", None, "Sanden Corporation", False, "large", False, ["en"], ["GB", "AU"], [
    T(["heat_pump"], "CO2 heat pump water heaters", "Natural-refrigerant heat pumps that heat water to 90 °C for homes and hotels."),
])

co("sanyo_denki", "山洋電気株式会社", None, False, "large", False, ["ja"], ["TH", "TW"], [
    T(["solar_pv", "disaster_resilience"], title_ja="太陽光発電用パワーコンディショナ・無停電電源装置",
      desc_ja="太陽電池の直流を交流に変えるパワーコンディショナと、停電時に電力を供給するUPS。"),
])

co("jeplan", None, "JEPLAN, Inc.", False, "sme", False, ["en"], ["MX", "TH"], [
    T(["plastic_recycling"], "Bottle-to-bottle PET recycling",
      "Chemical depolymerisation of used PET bottles and polyester clothing back into resin of virgin quality."),
])

co("openstreet", "OpenStreet株式会社", None, False, "sme", False, ["ja"], [], [
    T(["public_transport"], title_ja="シェアサイクルのプラットフォーム「HELLO CYCLING」",
      desc_ja="自治体や事業者と組んで、駅前や商業施設に自転車の貸出・返却ステーションを設ける共有サービス。"),
])

co("green_carbon", "Green Carbon株式会社", None, False, "sme", False, ["ja"], ["PH", "VN", "KH"], [
    T(["forestry_agri", "carbon_credits"], title_ja="水田の中干し延長によるメタン削減とクレジット創出",
      desc_ja="稲作農家と組み、水田の水管理を変えてメタンの発生を抑え、その削減量をクレジットにする。フィリピン・ベトナムで実施。"),
])

co("asia_air", None, "Asia Air Survey Co., Ltd.", False, "large", False, ["en"], ["VN", "LA", "ID"], [
    T(["forestry_agri", "mrv"], "Aerial and satellite mapping of forests",
      "Forest cover maps, change detection and biomass estimates for REDD+ and national forest inventories."),
])

co("matsuda", "松田産業株式会社", None, False, "large", False, ["ja"], ["TH", "PH", "MY"], [
    T(["recycling"], title_ja="電子部品スクラップからの貴金属リサイクル",
      desc_ja="基板や電子部品のくずから金・銀・パラジウムを回収・精製する。タイ・フィリピンなどに拠点。"),
])

co("kobelco_eco", "株式会社神鋼環境ソリューション", None, False, "large", False, ["ja"], ["CN", "KR"], [
    T(["hydrogen_production"], title_ja="水電解式水素発生装置",
      desc_ja="固体高分子膜を使って水を電気分解し、高純度の水素をつくる装置。再エネの電力で運転できる。"),
    T(["waste_to_energy"], title_ja="流動床式ガス化溶融炉", desc_ja="自治体のごみ処理施設。"),
])
