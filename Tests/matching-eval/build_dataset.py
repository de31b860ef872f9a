#!/usr/bin/env python3
"""Source of Tests/matching-eval/dataset.json (python3 stdlib only).

Edit the lists below, then run `python3 Tests/matching-eval/build_dataset.py` to rewrite dataset.json and
`python3 Tests/matching-eval/validate.py` to check it. Companies and needs are referred to by a short slug
here; the JSON gets the stable keys C01.., N01.. in list order (append, never reorder).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCES = [
    ("S1", "Yangon to Get First Waste-to-Energy Plant by 2017 (Myanmar Business Today, 2015-10-05)",
     "http://www.myanmar-business.org/2015/10/yangon-to-get-first-waste-to-energy.html"),
    ("S2", "JFE's Holistic Approach for Waste Treatment (JFE Engineering presentation, 2018)",
     "https://documents.pub/document/jfeas-holistic-approach-for-waste-treatment-smart-infrastructure-for-global-environment.html"),
    ("S3", "JCM Thailand-Japan: Joint Committee decisions (registered projects and methodologies)",
     "https://www.jcm.go.jp/th-jp/jc_decisions"),
    ("S4", "CityNet Yokohama Project Office E-News, March 2024 (12th Da Nang Urban Development Forum)",
     "https://citynet-ap.org/citynet-yokohama-project-office-e-news-march-2024/"),
    ("S5", "Urban development forum shapes future of Da Nang, Yokohama (VietnamPlus, 2024-01-16)",
     "https://en.vietnamplus.vn/urban-development-forum-shapes-future-of-da-nang-yokohama/276344.vnp"),
    ("S6", "The Joint Crediting Mechanism (JCM) official site: project lists per partner country",
     "https://www.jcm.go.jp/"),
    ("S7", "IGES JCM Database (model projects, technologies, partner countries)",
     "https://www.iges.or.jp/en/pub/iges-jcm-database/en"),
    ("S8", "Ministry of the Environment Japan: City-to-City Collaboration for Zero-Carbon Society",
     "https://www.env.go.jp/earth/coop/lowcarbon-asia/english/"),
    ("S9", "Ministry of Environment JCM model projects: Mongolia (heat-only boilers, solar farms)",
     "https://www.jcm.go.jp/mn-jp/projects"),
    ("S10", "JCM Cambodia: LED street lighting with wireless network control in Phnom Penh",
     "https://www.jcm.go.jp/kh-jp/projects"),
    ("S11", "JCM Indonesia: energy saving in textile factories with high-efficiency centrifugal chillers; natural-refrigerant cold storage",
     "https://www.jcm.go.jp/id-jp/projects"),
    ("S12", "JCM Viet Nam: amorphous high-efficiency transformers in power distribution",
     "https://www.jcm.go.jp/vn-jp/projects"),
    ("S13", "Kitakyushu-Surabaya green sister city: composting and intermediate waste treatment (Kitakyushu Asian Center for Low Carbon Society)",
     "https://www.kitaq-gkc.or.jp/"),
    ("S14", "Y-PORT: Yokohama's international technical cooperation (City of Yokohama)",
     "https://www.city.yokohama.lg.jp/business/kokusaihoshin/yport/"),
    ("S15", "Company websites and product pages of the companies listed (technology descriptions, paraphrased)",
     None),
    ("S16", "JICA project pages (water supply, NRW, solid-waste master plans, Bangkok Master Plan on Climate Change 2013-2023)",
     "https://www.jica.go.jp/english/"),
    ("S17", "JCM事業「ダルハン太陽光発電所建設計画」の竣工式 (Embassy of Japan in Mongolia, 2017-01-25)",
     "https://www.mn.emb-japan.go.jp/itpr_ja/170119_jcm.html"),
    ("S18", "JCM事業「モンナラン太陽光発電所建設計画」の竣工式 (Embassy of Japan in Mongolia, 2017-12-04)",
     "https://www.mn.emb-japan.go.jp/itpr_ja/monnaran_jpn1204.html"),
    ("S19", "Tenuun Gerel: 16.4 MW solar power plant in Sergelen soum with Sharp Energy Solutions (JCM Mongolia)",
     "http://www.jcm-mongolia.com/?p=15386&lang=en"),
    ("S20", "GEC: JCM Methodology Demonstration Study FY2013, centralization of heat supply by high-efficiency HOB (Suuri-Keikaku)",
     "http://www2.gec.jp/main.nsf/en/Activities-Climate_Change_Mitigation-jcm2013ds02"),
    ("S21", "三菱重・ミネベア カンボジアのスマート構想で協業 (LED street lights with wireless control in Phnom Penh and Siem Reap)",
     "https://indonesia-news.biz/?p=18762"),
    ("S22", "GEC: JCM model project Indonesia, 省エネ型ターボ冷凍機を利用した工場設備冷却 (Ebara Refrigeration, PT. Nikawa Textile Industry)",
     "http://gec.jp/jcm/jp_old/projects/14pro_ina_04.html"),
    ("S23", "Begini Bentuk Pemilahan Sampah di Jepang yang Diterapkan di Surabaya (detik.com; Nishihara, TPS Sutorejo and Wonorejo)",
     "https://news.detik.com/berita/d-3038026/begini-bentuk-pemilahan-sampah-di-jepang-yang-diterapkan-di-surabaya"),
    ("S24", "GEC: JCM Feasibility Study Thailand, heat recovery for generating both cooling and heating energy (Mayekawa)",
     "http://gec.jp/jcm/projects/13fs_tha_01.html"),
    ("S25", "IGES: Interim meeting, low-carbon city planning in Surabaya (Nishihara, Hitachi Zosen, Amita proposals), 2013",
     "https://www.iges.or.jp/en/sustainable-city/20131120.html"),
    ("S26", "横浜ウォーター株式会社: フィリピンでの取組み (MCWD technical cooperation, SCADA, NRW in Cagayan de Oro and Manila)",
     "https://yokohamawater.co.jp/experience/philippines"),
    ("S27", "横浜ウォーター: メトロセブ水道区汚泥管理計画コンサルティング業務受託 (with Yachiyo Engineering, 2023)",
     "https://yokohamawater.co.jp/press/r5-philippines-consulting"),
    ("S28", "Batam, Yokohama to collaborate in urban development projects (The Jakarta Post, 2017-06-22)",
     "http://www.thejakartapost.com/news/2017/06/22/batam-yokohama-to-collaborate-in-urban-development-projects.html"),
    ("S29", "NEDO FY2011 report: pilot introduction of energy-efficient distribution transformers in Viet Nam, Indonesia and South Africa (Hitachi Metals)",
     "http://www.nedo.go.jp/library/seika/shosai_201206/20120000000459.html"),
    ("S30", "PH eyed as e-trike production hub (Philippine Daily Inquirer; Terra Motors and the ADB/DOE e-trike programme)",
     "https://business.inquirer.net/126929/ph-eyed-as-e-trike-production-hub/amp"),
    ("S31", "Honda and Panasonic to begin experiment on battery sharing using detachable mobile batteries in Indonesia (Green Car Congress, 2018-07-13)",
     "https://www.greencarcongress.com/2018/07/20180713-honda.html"),
    ("S32", "MOEJ selected 11 projects for JCM Model Projects FY2021 (press release, 2021-06-29: JFE WtE Bac Ninh, J-POWER rice husk Hau Giang, Sharp rooftop PV, ...)",
     "https://www.env.go.jp/en/headline/2528.html"),
    ("S33", "GEC: Preliminary selection result, JCM Model Projects FY2020 (1st selection)", "https://gec.jp/jcm/kobo/mp200706/"),
    ("S34", "GEC: Preliminary selection result, JCM Model Projects FY2023 (1st selection)", "https://gec.jp/jcm/kobo/mp230817/"),
    ("S35", "Business Yokohama: promoting city-to-city cooperation with Bangkok (Finetech rooftop solar, JCM, 2023-08-18)",
     "https://businessyokohama.com/blog/2023/08/18/promoting-city-to-city-cooperation-with-bangkok-thailand"),
    ("S36", "OECD Champion Mayors: Yokohama and Bangkok, Bangkok Energy Action Plan workshop (2024-06-21)",
     "https://www.oecd-inclusive.com/champion-mayors-yamanaka-and-bangkok-thailand-on-co-creating-the-path-to-net-zero-city-to-city-cooperation-spreads-to-business-partnerships/"),
    ("S37", "Cebu Daily News: Cebu City, Yokohama ink devt pact (2018-03-08; waste to energy, garbage management, traffic, water supply)",
     "http://cebudailynews.inquirer.net/166444/cebu-city-yokohama-ink-devt-pact"),
    ("S38", "JCM project design document: green hospitals in Viet Nam with inverter room air conditioners (Mitsubishi Electric; Hanoi and Ho Chi Minh City)",
     "http://businessdocbox.com/Green_Solutions/100593910-Jcm-project-design-document-form.html"),
]

CITIES = [
    ("danang", "Da Nang", "ダナン", "VN"), ("hcmc", "Ho Chi Minh City", "ホーチミン", "VN"),
    ("hanoi", "Hanoi", "ハノイ", "VN"), ("haiphong", "Hai Phong", "ハイフォン", "VN"),
    ("bangkok", "Bangkok", "バンコク", "TH"), ("cebu", "Cebu City", "セブ", "PH"),
    ("davao", "Davao City", "ダバオ", "PH"), ("batam", "Batam", "バタム", "ID"),
    ("jakarta", "Jakarta", "ジャカルタ", "ID"), ("surabaya", "Surabaya", "スラバヤ", "ID"),
    ("yangon", "Yangon", "ヤンゴン", "MM"), ("ulaanbaatar", "Ulaanbaatar", "ウランバートル", "MN"),
    ("vientiane", "Vientiane", "ビエンチャン", "LA"), ("phnompenh", "Phnom Penh", "プノンペン", "KH"),
]


def T(codes, title_en=None, desc_en=None, title_ja=None, desc_ja=None, maturity="commercial"):
    return {"title_ja": title_ja, "title_en": title_en, "description_ja": desc_ja,
            "description_en": desc_en, "taxonomy_codes": codes, "maturity": maturity}


def R(country, city, year, summary):
    return {"country": country, "city": city, "year": year, "summary": summary}


# slug, name_ja, name_en, in_yokohama, size, yusa, languages, countries, technologies, track records, sources
COMPANIES = []


def co(slug, name_ja, name_en, yok, size, yusa, langs, countries, techs, tracks=(), sources=("S15",)):
    COMPANIES.append(dict(slug=slug, name_ja=name_ja, name_en=name_en, in_yokohama=yok, size=size,
                          yusa_member=yusa, languages=list(langs), countries_with_experience=list(countries),
                          technologies=list(techs), track_records=list(tracks), sources=list(sources)))


co("jfe", "JFEエンジニアリング株式会社", "JFE Engineering Corporation", True, "large", True, ["ja", "en"],
   ["MM", "VN", "MY", "ID", "PH", "TH"], [
       T(["waste_to_energy"], "Stoker-grate refuse incineration with power generation",
         "EPC and O&M of municipal refuse incineration plants with grate furnaces and steam turbines; "
         "plants from a few dozen to several hundred tonnes per day, designed for wet, low-calorific Asian refuse.",
         "ストーカ式ごみ焼却発電プラント",
         "都市ごみを焼却し、その熱で蒸気タービン発電を行う清掃工場の設計・建設・運転管理。国内トップクラスの納入実績。"),
       T(["sludge_energy", "biogas"], "Sludge digestion and biogas utilisation",
         "Anaerobic digesters for sewage sludge and food residues; digester gas used in gas engines.",
         "汚泥消化・バイオガス利活用", "下水汚泥や食品残さのメタン発酵、消化ガス発電設備。横浜市北部汚泥資源化センターでの実績。"),
       T(["biomass_power"], "Biomass power plants", "Boilers and turbines burning wood chips and agricultural residues.",
         "バイオマス発電所", "木質チップや農業残さを燃焼するボイラーとタービン。"),
   ], [R("MM", "Yangon", 2017, "60 t/day refuse-to-power plant in Shwe Pyi Thar township, co-financed by a JCM model-project subsidy; about 700 kW."),
       R("JP", "Yokohama", None, "横浜市下水汚泥の消化・燃料化施設の建設に参画。")], ["S1", "S2", "S6"])

co("hitz", None, "Hitachi Zosen Corporation (Kanadevia)", False, "large", False, ["en"],
   ["CN", "TH", "VN", "AE"], [
       T(["waste_to_energy"], "Energy-from-waste plants",
         "Turnkey thermal treatment of household refuse with grate combustion, flue-gas cleaning and steam power; "
         "several hundred plants delivered worldwide with its European subsidiary."),
       T(["biogas", "composting"], "Methane fermentation of organic waste",
         "Dry anaerobic digestion for kitchen scraps and market residues, producing methane for power and a digestate."),
       T(["water_reuse"], "Seawater desalination plants", "Reverse-osmosis and multi-stage flash desalination."),
   ])

co("takuma", "株式会社タクマ", None, False, "large", False, ["ja"], ["TH", "ID", "PH", "TW"], [
    T(["waste_to_energy"], title_ja="ごみ焼却プラント", desc_ja="ストーカ炉による一般廃棄物の焼却処理と余熱発電。自治体向けに多数の納入実績。"),
    T(["biomass_power"], title_ja="バイオマス発電ボイラー",
      desc_ja="もみ殻、バガス、パーム空果房、木くずなど農業・林業の残さを燃料とする発電プラント。国内で多数の納入・運転実績、海外の製糖工場向けボイラーの経験もある。"),
])

co("ebara_env", "荏原環境プラント株式会社", None, False, "large", False, ["ja"], ["TW", "CN"], [
    T(["waste_to_energy"], title_ja="流動床式ごみ焼却・ガス化溶融",
      desc_ja="内部循環流動床炉によるごみ焼却、余熱による発電と熱供給。長期運営（DBO）にも対応。"),
])

co("metawater", None, "METAWATER Co., Ltd.", False, "large", False, ["en"], ["VN", "KH", "TH", "NL"], [
    T(["sewage_treatment"], "Wastewater treatment plant equipment",
      "Electrical and mechanical systems for municipal treatment works: fine-bubble diffusers, blowers, SCADA."),
    T(["sludge_energy"], "Sludge thickening, digestion and sludge-to-fuel",
      "Turns dewatered biosolids into solid fuel and recovers digester gas for on-site generation."),
    T(["water_supply", "water_reuse"], "Ceramic membrane filtration for drinking water",
      "Long-life ceramic membranes for surface-water purification plants."),
], [])

co("tsukishima", "月島JFEアクアソリューション株式会社", None, False, "large", False, ["ja"], ["CN", "KR"], [
    T(["sludge_energy"], title_ja="下水汚泥の消化・乾燥・燃料化",
      desc_ja="汚泥の減量化と固形燃料化、消化ガス発電システム。汚泥焼却炉の省エネ改造も手掛ける。"),
    T(["sewage_treatment"], title_ja="水処理設備", desc_ja="沈殿池・反応タンクの機械設備。"),
])

co("ywater", "横浜ウォーター株式会社", "Yokohama Water Co., Ltd.", True, "sme", True, ["ja", "en"],
   ["VN", "PH", "LA", "MM"], [
       T(["water_supply"], "Water utility management consulting and NRW reduction",
         "Staff of a 130-year-old city water bureau advising utilities abroad on distribution management, "
         "pressure zoning, meter replacement and finding hidden losses.",
         "水道事業運営コンサルティング", "横浜市水道局の技術とノウハウで、海外水道事業体の配水管理・漏水対策・人材育成を支援。"),
       T(["sewage_treatment", "decarb_planning"], "Sewerage and sludge treatment planning",
         "Supports cities without sewerage in drawing up plans for collecting and treating sludge drawn from septic tanks, "
         "and sewerage master plans; works with the City of Yokohama's Environmental Planning Bureau.",
         "下水道・汚泥処理の計画づくり",
         "下水道が未整備の都市で、腐敗槽から引き抜いた汚泥の収集・処理計画や下水道マスタープランの作成を支援。横浜市環境創造局と連携。"),
   ], [R("PH", "Cebu", 2011, "メトロセブ水道区（MCWD）の技術協力プロジェクトで浄水・配水管理・漏水対策・顧客サービスを改善、のちにSCADA整備の無償資金協力にも参画。"),
       R("PH", "Cebu", 2017, "メトロセブの腐敗槽汚泥処理施設の準備調査（八千代エンジニヤリングと共同）、2023年から同施設整備のコンサルティング。"),
       R("PH", "Cagayan de Oro", None, "JICAの無収水対策の調査を受託。"),
       R("PH", "Manila", 2024, "Consulting for a Manila water concessionaire on reviewing its non-revenue water programme.")],
   ["S26", "S27", "S14"])

co("sekisui", "積水化学工業株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "MY"], [
    T(["sewage_treatment"], title_ja="管きょ更生工法（SPR工法）", desc_ja="老朽化した下水管を掘らずに内側から更生する工法。"),
    T(["perovskite_pv"], title_ja="フィルム型ペロブスカイト太陽電池", desc_ja="軽量で曲げられる次世代太陽電池。実証段階。", maturity="pilot"),
])

co("kubota", "株式会社クボタ", "Kubota Corporation", False, "large", False, ["ja", "en"], ["VN", "TH", "ID", "KH"], [
    T(["water_supply"], "Ductile iron pipes and water purification", "Earthquake-resistant pipes and purification plant equipment.",
      "ダクタイル鉄管・浄水設備", "耐震ダクタイル鉄管と浄水場の機械設備。"),
    T(["sewage_treatment", "water_reuse"], "Submerged membrane bioreactor (MBR)",
      "Flat-sheet membranes for compact treatment of municipal and industrial effluent.",
      "液中膜（MBR）", "平膜による下水・工場排水の高度処理。"),
])

co("fujitecom", "フジテコム株式会社", None, False, "sme", False, ["ja"], ["VN", "TH", "MM", "KH"], [
    T(["water_supply", "sensors_iot"], title_ja="漏水探知機・音聴棒・相関式探知器",
      desc_ja="地中の水道管から漏れる音を聞き分ける探知機器と、配水管網の常時監視ロガー。海外の水道事業体で研修も実施。"),
])

co("sharp", None, "Sharp Energy Solutions Corporation", False, "large", False, ["en"], ["TH", "MN", "PH", "VN"], [
    T(["solar_pv"], "Utility-scale and rooftop PV EPC",
      "Modules, design and construction of ground-mounted farms and commercial roofs; long-term O&M."),
    T(["battery_storage"], "Commercial battery systems", "Storage packaged with PV for self-consumption."),
], [R("TH", "Lopburi", 2011, "EPC of a ground-mounted solar farm of about 73 MW for a Thai independent power producer."),
       R("MN", "Darkhan", 2017, "10 MW grid-connected plant next to a 110 kV substation, with a Japanese trading partner; JCM model project."),
       R("MN", None, 2019, "Partner in a 16.4 MW plant in Sergelen soum near the new Ulaanbaatar airport (JCM).")],
   ["S15", "S17", "S19"])

co("farmdo", "ファームドゥ株式会社", None, False, "sme", False, ["ja"], ["MN"], [
    T(["solar_pv"], title_ja="メガソーラー開発・運営",
      desc_ja="寒冷地・高地での大規模太陽光発電所の開発と運営。二国間クレジット制度を活用した海外案件。"),
], [R("MN", "Ulaanbaatar", 2017, "ウランバートル市ソンギノハイルハン区の農場に2期計約10MWの太陽光発電所を建設。一部は農業用ハウスの屋根に設置（JCM設備補助事業）。")],
   ["S18", "S9"])

co("kyocera", "京セラ株式会社", "KYOCERA Corporation", False, "large", False, ["ja", "en"], ["TH", "MN", "JP"], [
    T(["solar_pv"], "Crystalline silicon modules", "Long-life PV modules for roofs and plants.",
      "太陽電池モジュール", "長期信頼性の高い結晶シリコン太陽電池。"),
    T(["battery_storage", "microgrid"], "Storage and stand-alone power", "Batteries and controllers for off-grid and backup supply.",
      "蓄電システム・独立電源", "停電時にも電気を使える蓄電池と自立運転システム。"),
])

co("panasonic", "パナソニック株式会社", "Panasonic Corporation", False, "large", False, ["ja", "en"], ["VN", "TH", "MY", "ID"], [
    T(["heat_pump"], "Heat pump water heaters", "Air-to-water units supplying hot water at a fraction of the electricity of resistance heaters.",
      "ヒートポンプ給湯機", "空気の熱でお湯を沸かす業務用給湯システム。ホテル・病院向け。"),
    T(["hvac"], "Inverter room air conditioners and VRF", "Split and multi-split units.",
      "インバータルームエアコン・VRF", "スプリット型・マルチスプリット型のユニット。"),
])

co("daikin", None, "Daikin Industries, Ltd.", False, "large", False, ["en"], ["VN", "TH", "ID", "MY", "PH"], [
    T(["hvac"], "VRV multi-split and inverter air conditioning",
      "Variable-refrigerant systems for offices, retail and hotels; local factories in Viet Nam and Thailand."),
    T(["refrigerants"], "Low-GWP refrigerant R32 and refrigerant recovery", "Transition to lower-GWP refrigerants."),
])

co("ebara_ref", "荏原冷熱システム株式会社", None, False, "large", False, ["ja"], ["ID", "TH", "VN", "CN"], [
    T(["hvac"], title_ja="高効率ターボ冷凍機",
      desc_ja="工場・ビルの中央式空調や生産プロセス冷却に使う大型冷凍機。インバータ制御で部分負荷時も高効率。"),
], [R("ID", None, 2014, "インドネシアの紡績工場（PT. Nikawa Textile Industry）の500冷凍トン級の冷凍機を高効率機に更新（JCM設備補助）。")],
   ["S22", "S11"])

co("mayekawa", None, "MAYEKAWA MFG. Co., Ltd.", False, "large", False, ["en"], ["TH", "ID", "VN", "MY"], [
    T(["refrigerants", "cold_chain"], "Natural-refrigerant freezing systems (NH3/CO2)",
      "Packaged ammonia/CO2 refrigeration units for frozen-food plants and chilled warehouses, replacing HCFC plant; "
      "subsidiaries in Thailand, Indonesia and Viet Nam install and service them."),
    T(["heat_pump", "waste_heat"], "Heat-recovery heat pumps", "One machine delivering both chilled water and process hot water."),
], [R("TH", None, 2013, "JCM feasibility study on heat pumps that supply chilled and hot water together for food and beverage plants.")],
   ["S24", "S15"])

co("mhi_ts", "三菱重工サーマルシステムズ株式会社", None, False, "large", False, ["ja"], ["VN", "TH", "ID"], [
    T(["hvac"], title_ja="ターボ冷凍機・空冷ヒートポンプチラー", desc_ja="大型商業施設・地域冷房向けの高効率熱源機。"),
    T(["heat_pump"], title_ja="CO2ヒートポンプ給湯機（業務用）", desc_ja="自然冷媒CO2で90℃の給湯が可能。"),
])

co("azbil", "アズビル株式会社", "Azbil Corporation", False, "large", False, ["ja", "en"], ["TH", "VN", "ID", "MY"], [
    T(["ems", "controls"], "Building automation and energy management",
      "Central monitoring of chillers, air handlers and lighting; analytics that spot waste and verify savings.",
      "ビルディングオートメーション・BEMS", "空調・熱源の自動制御と、エネルギー使用の分析・省エネ効果の検証。"),
], [R("TH", "Bangkok", None, "Building automation for hospitals and office towers through the Thai subsidiary.")])

co("yokogawa", None, "Yokogawa Electric Corporation", False, "large", False, ["en"], ["SG", "TH", "ID", "VN"], [
    T(["controls"], "Distributed control systems and SCADA", "Process control for refineries, chemicals and utilities."),
    T(["sensors_iot"], "Field instruments", "Flow, pressure and analytical instruments."),
])

co("hitachi", "株式会社日立製作所", "Hitachi, Ltd.", False, "large", False, ["en"], ["TH", "VN", "MY", "SG"], [
    T(["ems", "district_development"], "Energy management for campuses and cities",
      "Cloud platform that collects meter data from many public buildings and recommends operational changes."),
    T(["public_transport"], "Railway systems", "Rolling stock and signalling."),
])

co("minebea", "ミネベアミツミ株式会社", "MinebeaMitsumi Inc.", False, "large", False, ["ja", "en"], ["KH", "TH", "MY"], [
    T(["lighting", "sensors_iot"], "Smart LED street lighting",
      "Road luminaires with a wireless mesh that reports faults and dims each pole remotely.",
      "無線制御LED街路灯", "遠隔で調光・故障検知ができる道路照明システム。"),
], [R("KH", "Phnom Penh", 2016, "プノンペン市内とシェムリアップの約9000本の街路灯を無線ネットワークで調光制御するLED灯に交換（JCM設備補助事業）。")],
   ["S21", "S10"])

co("iwasaki", "岩崎電気株式会社", None, False, "large", False, ["ja"], ["TH", "VN"], [
    T(["lighting"], title_ja="道路・トンネル照明、LED投光器", desc_ja="水銀灯・高圧ナトリウム灯からの置き換え用LED灯具。"),
])

co("nissan", "日産自動車株式会社", "Nissan Motor Co., Ltd.", True, "large", False, ["ja", "en"], ["TH", "ID", "VN"], [
    T(["ev"], "Passenger electric vehicles", "Battery-electric cars for fleets and taxis.",
      "電気自動車", "乗用EVとフリート導入支援。"),
    T(["ev_charging", "disaster_resilience"], "Vehicle-to-building supply", "Using car batteries as backup power for buildings.",
      "V2Hによる非常用電源", "EVの電池を建物の非常用電源として活用。"),
])

co("terra", None, "Terra Motors Corporation", False, "sme", False, ["en"], ["PH", "BD", "IN", "VN"], [
    T(["ev"], "Electric three-wheelers and motorbikes",
      "E-trikes for public transport and delivery, designed for hot, congested Asian streets."),
], [R("PH", None, 2013, "Built the first working e-trike to the Department of Energy design for the ADB-financed programme; electric tricycles supplied for a government programme replacing petrol trikes.")],
   ["S30", "S15"])

co("honda", "本田技研工業株式会社", None, False, "large", False, ["ja"], ["ID", "IN", "PH"], [
    T(["ev_charging", "ev"], title_ja="交換式バッテリーと電動二輪",
      desc_ja="ステーションで電池を差し替えて走り続ける電動バイク・三輪タクシーの仕組み。"),
], [R("ID", "Denpasar", 2018, "パナソニックと共同で、バンドン・デンパサール・クタに充電・交換ステーションを数十か所設け、着脱式バッテリーの電動二輪のシェアリング実証（NEDO事業）。")],
   ["S31", "S15"])

co("toshiba", None, "Toshiba Corporation", False, "large", False, ["en"], ["TH", "VN", "ID"], [
    T(["battery_storage"], "Lithium-titanate battery systems", "Long-cycle-life storage for grids, buildings and vehicles."),
    T(["ev_charging"], "Ultra-fast charging for electric buses", "Depot and opportunity chargers."),
    T(["microgrid"], "Hybrid power systems", "Solar, diesel and storage controlled together for facilities with unreliable supply."),
])

co("evmj", "株式会社EVモーターズ・ジャパン", None, False, "sme", False, ["ja"], ["JP"], [
    T(["ev"], title_ja="電気バス・電動商用車", desc_ja="路線用の大型・小型EVバスの開発製造。"),
], [R("JP", None, None, "国内のバス事業者に路線EVバスを納入。")])

co("sumiden", "住友電気工業株式会社", "Sumitomo Electric Industries, Ltd.", False, "large", False, ["ja", "en"], ["TH", "VN", "PH"], [
    T(["public_transport", "controls"], "Adaptive traffic signal control",
      "Signal timing adjusted every cycle from vehicle detectors; corridor coordination.",
      "交通信号制御システム", "車両感知器の情報から信号時間を最適化する広域交通管制。"),
])

co("nissin", "日本信号株式会社", None, False, "large", False, ["ja"], ["IN", "VN", "TH"], [
    T(["public_transport"], title_ja="道路交通管制・ITS", desc_ja="交通管制センター、信号機、ETC、駐車場システム。"),
])

co("proterial", None, "Proterial, Ltd. (formerly Hitachi Metals)", False, "large", False, ["en"], ["VN", "IN", "TH"], [
    T(["power_distribution"], "Amorphous-core distribution transformers",
      "Transformer cores of amorphous alloy cut no-load losses by about two thirds versus silicon steel."),
], [R("VN", None, 2011, "Pilot amorphous transformers installed at several sites of a Vietnamese power corporation to measure load factors and propose an efficiency standard (NEDO study).")],
   ["S29", "S12"])

co("fujielec", "富士電機株式会社", None, False, "large", False, ["ja"], ["VN", "TH", "MY", "ID"], [
    T(["power_distribution"], title_ja="配電用変圧器・開閉装置・スマートメーター", desc_ja="電力会社向けの配電機器と計量器。"),
    T(["motors"], title_ja="インバータ・高効率モータ", desc_ja="ポンプ・ファンの回転数制御。"),
])

co("suuri", "株式会社数理計画", None, False, "sme", False, ["ja"], ["MN"], [
    T(["efficiency", "fuel_switching"], title_ja="熱供給ボイラーの高効率化・集約化",
      desc_ja="石炭焚き温水ボイラーの高効率機への更新と、小規模ボイラーの集約。燃料削減量の算定も支援。"),
    T(["mrv"], title_ja="GHG排出削減量の算定", desc_ja="二国間クレジット案件のモニタリング。"),
], [R("MN", "Bornuur", 2013, "トゥブ県ボルノール郡中心部の暖房を高効率温水ボイラーに集約、配管・ボイラー棟も整備（JCM実証）。"),
    R("MN", "Ulaanbaatar", 2013, "第118学校の暖房用ボイラーの増設を高効率機で実施（JCM実証）。")], ["S20", "S9"])

co("miura", "三浦工業株式会社", "Miura Co., Ltd.", False, "large", False, ["ja", "en"], ["ID", "TH", "VN", "CN"], [
    T(["fuel_switching", "waste_heat"], "Once-through steam boilers and heat recovery",
      "Modular small boilers run in parallel to follow load; economisers and condensate recovery.",
      "貫流ボイラー・排熱回収", "小型ボイラーの多缶設置で負荷に追従、エコノマイザで排ガスの熱を回収。"),
], [R("ID", None, None, "Boiler replacement at food and textile plants through the Indonesian subsidiary.")])

co("nkoei", None, "Nippon Koei Co., Ltd.", False, "large", False, ["en"], ["VN", "ID", "PH", "MM", "TH"], [
    T(["decarb_planning", "mrv"], "Climate change planning and GHG inventories",
      "Consultants preparing city climate action plans, emission inventories and investment programmes for development banks."),
    T(["disaster_resilience"], "Flood control engineering", "River and drainage master plans."),
])

co("murc", "三菱UFJリサーチ&コンサルティング株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "ID", "MN"], [
    T(["decarb_planning", "carbon_credits", "mrv"], title_ja="脱炭素政策・二国間クレジット支援",
      desc_ja="自治体の温暖化対策計画づくり、排出インベントリ、JCM案件の形成と方法論開発。"),
])

co("yachiyo", "八千代エンジニヤリング株式会社", None, False, "large", False, ["ja"], ["MM", "PH", "LK", "VN"], [
    T(["landfill", "decarb_planning"], title_ja="廃棄物管理計画・処分場改善",
      desc_ja="ODAによる廃棄物管理マスタープラン、オープンダンプの衛生埋立化・準好気性化の設計。"),
], [R("PH", "Cebu", 2017, "メトロセブの腐敗槽汚泥の管理計画の準備調査、2023年から施設整備のコンサルティング（横浜ウォーターと共同）。")],
   ["S27", "S16", "S15"])

co("exri", None, "EX Research Institute Ltd.", False, "sme", False, ["en"], ["PH", "VN", "ID", "MM"], [
    T(["landfill", "recycling"], "Solid-waste policy and disposal-site upgrading",
      "Small consultancy advising Asian local governments on collection systems, dumpsite closure and gas control."),
])

co("nishihara", "株式会社西原商事", None, False, "sme", False, ["ja"], ["ID", "MY"], [
    T(["recycling", "composting"], title_ja="資源ごみ中間処理施設（選別・堆肥化）",
      desc_ja="手選別ラインと堆肥化設備を組み合わせ、埋立量を減らす拠点施設の設計・運営指導。"),
], [R("ID", "Surabaya", None, "スラバヤ市ストレジョの中継所で地元住民を雇用した資源ごみの手選別、ウォノレジョで堆肥化（北九州市との協力、2006年から）。")],
   ["S23", "S25", "S13"])

co("jpec", None, "JPec Co., Ltd. (J-POWER group)", False, "sme", False, ["en"], ["ID", "PH", "TH", "MY"], [
    T(["composting"], "Household composting with fermentative microbes (Takakura method)",
      "Low-cost baskets and neighbourhood compost centres, training of community cadres."),
], [R("ID", "Surabaya", 2004, "Spread household composting to tens of thousands of homes with the city.")], ["S13"])

co("kurita", "栗田工業株式会社", "Kurita Water Industries Ltd.", False, "large", False, ["en"], ["TH", "ID", "VN", "SG"], [
    T(["water_reuse"], "Industrial water recycling", "Treating factory effluent back to process-water quality with membranes."),
    T(["sewage_treatment"], "Wastewater treatment chemicals and services", "Improving biological treatment and reducing sludge."),
])

co("toray", "東レ株式会社", None, False, "large", False, ["ja"], ["SG", "ID", "SA", "CN"], [
    T(["water_reuse"], title_ja="逆浸透（RO）膜・UF膜",
      desc_ja="海水淡水化や下水再生に使う分離膜。世界の大型淡水化プラントに採用。"),
])

co("organo", "オルガノ株式会社", "Organo Corporation", False, "large", False, ["ja", "en"], ["VN", "TH", "MY", "ID"], [
    T(["water_reuse"], "Ultrapure and recycled water plants", "Plants that reclaim wastewater for factories in industrial estates.",
      "排水回収・純水装置", "工業団地の工場向けに排水を再利用する装置。"),
])

co("chiyoda", "千代田化工建設株式会社", "Chiyoda Corporation", True, "large", False, ["ja", "en"], ["QA", "SG", "ID"], [
    T(["hydrogen_use"], "SPERA hydrogen carrier (MCH)", "Storing and shipping hydrogen in liquid organic form.",
      "SPERA水素", "水素をメチルシクロヘキサンとして常温で貯蔵・輸送。"),
])

co("jgc", "日揮ホールディングス株式会社", None, True, "large", False, ["ja"], ["SA", "MY", "ID"], [
    T(["shipping_aviation"], title_ja="廃食用油からのSAF製造", desc_ja="国内初の大規模SAF製造プラント。"),
    T(["ammonia_efuels"], title_ja="グリーンアンモニア製造", desc_ja="再エネ由来水素からのアンモニア合成プラント。"),
])

co("euglena", None, "euglena Co., Ltd.", False, "large", False, ["en"], ["MY", "BD"], [
    T(["shipping_aviation"], "Bio jet fuel", "Biofuel from microalgae and used cooking oil, demonstration plant in Yokohama.", maturity="pilot"),
])

co("yrc", "横浜ゴム株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "PH"], [
    T(["green_materials"], title_ja="低燃費タイヤ・バイオマス由来ゴム", desc_ja="転がり抵抗の小さいタイヤ、植物由来原料の研究。"),
])

co("tges", None, "Tokyo Gas Engineering Solutions", False, "large", False, ["en"], ["TH", "VN", "MY"], [
    T(["cogeneration", "district_energy"], "On-site energy services",
      "Gas-engine cogeneration and heat supply owned and run for industrial customers (energy-service model)."),
])

co("mitsuies", None, "Mitsui E&S Co., Ltd.", False, "large", False, ["en"], ["VN", "TH", "ID", "US"], [
    T(["carbon_neutral_port"], "Hybrid and electric rubber-tyred gantry cranes",
      "Container-yard cranes that cut diesel use by recovering lowering energy or running from the grid; remote operation."),
])

co("ocg", "株式会社オリエンタルコンサルタンツグローバル", "Oriental Consultants Global Co., Ltd.", False, "large", False, ["ja", "en"], ["ID", "VN", "PH", "MM"], [
    T(["carbon_neutral_port", "decarb_planning"], "Port decarbonisation planning",
      "Plans for shore-side electricity, electrified cargo handling and alternative fuels in ports.",
      "港湾の脱炭素化計画", "停泊中の船への陸電供給や荷役機械の電動化など、港の脱炭素化計画を作成。"),
    T(["public_transport"], "Urban transport planning", "BRT and bus network plans.", "都市交通計画", "BRT・バス路線網の計画。"),
], [], ["S14", "S15"])

co("mchem", "三菱ケミカル株式会社", None, False, "large", False, ["ja"], ["TH", "CN"], [
    T(["plastic_recycling"], title_ja="ケミカルリサイクル・生分解性樹脂", desc_ja="廃プラスチックの油化と生分解性プラスチックBioPBS。", maturity="pilot"),
])

co("enecoat", "株式会社エネコートテクノロジーズ", None, False, "sme", False, ["ja"], ["JP"], [
    T(["perovskite_pv"], title_ja="ペロブスカイト太陽電池", desc_ja="室内光でも発電する薄くて軽い太陽電池。", maturity="pilot"),
])

co("eurus", None, "Eurus Energy Holdings", False, "large", False, ["en"], ["KR", "US", "NL"], [
    T(["wind_power"], "Wind farm development", "Onshore wind farms developed and operated as independent power producer."),
])

co("obayashi", "株式会社大林組", None, False, "large", False, ["ja"], ["TH", "SG", "VN"], [
    T(["buildings"], title_ja="ZEB（ネット・ゼロ・エネルギー・ビル）設計施工", desc_ja="新築オフィスの断熱・日射遮蔽・自然換気。"),
    T(["hydrogen_use"], title_ja="水素コージェネ実証", desc_ja="水素燃料による熱電供給の実証。", maturity="pilot"),
])

co("sfc", None, "Sumitomo Forestry Co., Ltd.", False, "large", False, ["en"], ["ID", "PG", "VN"], [
    T(["forestry_agri", "blue_carbon"], "Plantation forestry and peatland management",
      "Sustainable plantation and peat water-level management that keeps carbon in the ground."),
])

co("yanmar", "ヤンマーホールディングス株式会社", "Yanmar Holdings", False, "large", False, ["ja", "en"], ["TH", "VN", "ID", "MM"], [
    T(["forestry_agri"], "Farm machinery and rice-growing services", "Tractors, combines and transplanters for paddy farming.",
      "農業機械", "田植機・コンバインなど稲作機械。"),
    T(["cogeneration"], "Gas-engine micro-cogeneration", "Small CHP units for hotels and hospitals.",
      "ガスエンジン式マイクロコージェネレーション", "ホテル・病院向けの小型熱電併給ユニット。"),
])

co("jera", "株式会社JERA", None, False, "large", False, ["ja"], ["TH", "VN", "BD"], [
    T(["ammonia_efuels"], title_ja="石炭火力へのアンモニア混焼", desc_ja="大型火力での燃料アンモニア20％混焼。", maturity="pilot"),
])

co("nyk", None, "NYK Line", False, "large", False, ["en"], ["SG", "JP"], [
    T(["shipping_aviation"], "LNG- and ammonia-fuelled vessels", "Low-emission ships and bunkering."),
])

co("kajima", "鹿島建設株式会社", "Kajima Corporation", False, "large", False, ["en"], ["SG", "VN"], [
    T(["ccus", "green_materials"], "CO2-absorbing concrete (CO2-SUICOM)", "Precast concrete that stores CO2 during curing."),
])

co("mhi", "三菱重工業株式会社", None, False, "large", False, ["ja"], ["US", "SA"], [
    T(["ccus"], title_ja="排ガスからのCO2回収プラント", desc_ja="アミン吸収液によるCO2回収。"),
])

co("toyoeng", None, "Toyo Engineering Corporation", False, "large", False, ["en"], ["ID", "MY", "IN"], [
    T(["ammonia_efuels", "green_materials"], "Ammonia, methanol and fertiliser plants", "Process licensing and EPC for chemical plants."),
])

co("pacific", "パシフィックコンサルタンツ株式会社", None, False, "large", False, ["ja"], ["PH", "VN", "ID"], [
    T(["disaster_resilience"], title_ja="防災・河川計画", desc_ja="洪水対策、排水計画、防災マスタープラン。"),
])

co("nikken", "株式会社日建設計", "Nikken Sekkei Ltd.", False, "large", False, ["ja", "en"], ["VN", "TH", "CN", "ID"], [
    T(["district_development", "buildings"], "Eco-district and smart city master planning",
      "Master plans for new districts with transit-oriented development and green building codes.",
      "スマートシティ・街区マスタープラン", "公共交通指向型の街区計画と環境配慮建築。"),
])

co("khi", "川崎重工業株式会社", "Kawasaki Heavy Industries", False, "large", False, ["ja", "en"], ["AU", "TH"], [
    T(["hydrogen_use"], "Liquefied hydrogen carriers and hydrogen gas turbines", "Supply chain for liquefied hydrogen.",
      "液化水素運搬船・水素ガスタービン", "液化水素のサプライチェーン構築。", maturity="pilot"),
])

co("daiwa", None, "Daiwa House Industry", False, "large", False, ["en"], ["VN", "ID", "MY"], [
    T(["buildings"], "Net-zero-energy housing and logistics warehouses", "Prefabricated homes and warehouses with rooftop PV."),
])

co("idemitsu", "出光興産株式会社", None, False, "large", False, ["ja"], ["VN", "AU"], [
    T(["battery_storage"], title_ja="全固体電池材料", desc_ja="車載用全固体電池向け固体電解質の開発。", maturity="concept"),
])

co("nichicon", "ニチコン株式会社", "Nichicon Corporation", False, "large", False, ["ja", "en"], ["JP"], [
    T(["ev_charging"], "EV chargers and V2H units", "Home and public chargers; vehicle-to-home systems.",
      "EV充電器・V2H", "家庭用・公共用の充電設備とV2Hシステム。"),
])

co("tepsco", "東電設計株式会社", "Tokyo Electric Power Services Co., Ltd. (TEPSCO)", False, "large", False, ["ja", "en"], ["VN", "MM", "LA", "ID"], [
    T(["power_distribution", "decarb_planning"], "Power distribution loss studies and grid master plans",
      "Engineering studies for utilities: where distribution losses arise and which investments cut them.",
      "配電ロス低減調査・電力系統計画", "電力会社向けに配電損失の原因分析と設備更新計画を作成。"),
    T(["small_hydro"], "Hydropower engineering", "Feasibility and design of run-of-river plants.", "水力発電の計画設計",
      "流れ込み式発電所の実現可能性調査と設計。"),
])

co("oji", None, "Oji Holdings", False, "large", False, ["en"], ["VN", "MY", "NZ"], [
    T(["biomass_power", "forestry_agri"], "Biomass boilers at pulp mills and tree plantations",
      "Power plants firing bark, black liquor and plantation residues; eucalyptus plantations."),
])

co("ichikawa", None, "Ichikawa Kankyo Engineering", False, "sme", False, ["en"], ["JP"], [
    T(["recycling"], "Recycling plants for construction and industrial waste", "Crushing and sorting lines."),
])

co("sanki", "三機工業株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "ID"], [
    T(["sewage_treatment"], title_ja="下水処理場の省エネ型散気装置・送風機制御",
      desc_ja="微細気泡の散気板と風量制御で、反応タンクの送風電力を大幅に削減。"),
    T(["hvac"], title_ja="工場・ビル空調設備工事", desc_ja="クリーンルームや工場の空調設計施工。"),
])

co("ntt_ae", None, "NTT Anode Energy", False, "large", False, ["en"], ["JP"], [
    T(["solar_pv", "battery_storage", "demand_response"], "On-site PPA with storage for factories",
      "We finance, own and operate PV and batteries on customer premises; the customer pays only for kWh used, "
      "and the battery trims the demand peak."),
])

co("melco", "三菱電機株式会社", "Mitsubishi Electric Corporation", False, "large", False, ["ja", "en"], ["TH", "VN", "ID", "MY"], [
    T(["ems", "sensors_iot"], "Factory and building energy dashboards",
      "Power meters on every feeder and a cloud dashboard that shows which line, floor or machine uses what, and when.",
      "工場・ビルのエネルギー計測と分析", "分電盤ごとの電力計測とクラウド分析で、設備・フロアごとのムダを特定。"),
    T(["lighting"], "LED luminaires", "Indoor LED lighting.", "LED照明器具", "屋内用LED照明。"),
], [R("TH", "Bangkok", None, "Energy monitoring for factories in industrial estates through the Thai subsidiary.")])

co("ebara_pumps", "株式会社荏原製作所", "EBARA Corporation", False, "large", False, ["ja", "en"], ["VN", "TH", "ID", "PH"], [
    T(["motors", "sewage_treatment"], "High-efficiency pumps and turbo blowers for treatment works",
      "Turbo blowers with magnetic bearings and inverter control for aeration tanks; drainage and water pumps.",
      "高効率ポンプ・ターボブロワ", "下水処理場の反応タンク送風用ターボブロワ、上下水道・排水用ポンプ。"),
])

co("horiba", None, "HORIBA, Ltd.", False, "large", False, ["en"], ["TH", "VN", "IN"], [
    T(["sensors_iot", "mrv"], "Stack-gas and ambient air analysers",
      "Analysers measuring CO2, NOx and SO2 at stacks and monitoring stations."),
])

co("tokyu", "東急株式会社", "Tokyu Corporation", False, "large", False, ["ja", "en"], ["VN", "TH"], [
    T(["district_development"], "Transit-oriented new town development",
      "Railway-led new town development, applied to a new city in southern Viet Nam.",
      "公共交通指向型のまちづくり", "鉄道沿線開発のノウハウを活かした新都市開発。"),
], [R("VN", "Binh Duong", 2014, "ビンズン新都市で住宅・商業の複合開発とバス路線を運営。")])

co("tsurumi", "株式会社鶴見製作所", None, False, "large", False, ["ja"], ["TH", "VN", "ID", "PH"], [
    T(["motors"], title_ja="水中ポンプ・排水ポンプ", desc_ja="工事現場・排水処理用の水中ポンプ。"),
])

co("yokorei", "ヨコレイ（横浜冷凍株式会社）", None, True, "large", False, ["ja"], ["TH", "VN"], [
    T(["cold_chain"], title_ja="冷蔵・冷凍倉庫の運営と食品物流",
      desc_ja="横浜発祥の冷蔵倉庫会社。国内とタイ・ベトナムで冷凍冷蔵倉庫を運営し、新しい倉庫では自然冷媒の冷凍設備を採用。"),
])

# ---------------------------------------------------------------------------------------------------
# Needs, as a city official or a liaison office would write them; judgements as {slug: grade}.
NEEDS = []


def need(slug, city, lang, title, desc, codes, sources, judged):
    NEEDS.append(dict(slug=slug, city=city, language=lang, title=title, description=desc,
                      taxonomy_codes=list(codes), sources=list(sources), judged=judged))


need("ygn_wte", "yangon", "en", "First plant to burn city garbage and make electricity",
     "Yangon collects roughly 1,600 tonnes of garbage a day and nearly all of it goes untreated to open dumps at the "
     "city's edge, which catch fire in the dry months and leak in the monsoon. YCDC wants a first facility that "
     "disposes of part of this by combustion while generating power for its own use and for sale to the distribution "
     "company, starting small (around 60 t a day) on land it owns in Shwe Pyi Thar. The garbage is mostly kitchen "
     "scraps and very damp. About half of the capital cost could come from a Japanese grant; we also need operator training.",
     ["waste_to_energy"], ["S1"], {"jfe": 3, "hitz": 2, "takuma": 2, "ebara_env": 2, "exri": 1, "yachiyo": 1})

need("dad_sludge", "danang", "ja", "下水処理場から出る脱水ケーキの行き場がない",
     "ダナン市では下水処理場の改修・増設が進み、脱水後の泥状の残さの発生量が年々増えている。現在はカインソン処分場に"
     "埋め立てているが、残余容量がわずかで、臭気に対する住民の苦情も多い。量を減らし、できればガスや燃料として"
     "エネルギーに変える方法を知りたい。発生量は1日あたり数十トン規模。予算は市とODAの組み合わせを想定。",
     [], ["S4", "S5"], {"jfe": 3, "tsukishima": 2, "metawater": 2, "hitz": 1, "kubota": 1, "sanki": 1})

need("bkk_rooftop", "bangkok", "en", "Cutting daytime power bills in industrial estates without upfront capital",
     "Factories in the estates east of Bangkok (Chonburi, Rayong, Samut Prakan) pay high peak-demand charges. Owners have "
     "large flat metal roofs but prefer not to spend their own capital; they want a partner who puts generation and a "
     "battery on site and charges them per unit, under a 10 to 15 year contract, so that grid purchases in the afternoon "
     "peak drop. Typical site: 1 to 3 MW of roof area.",
     ["solar_pv", "battery_storage"], ["S3"], {"sharp": 3, "ntt_ae": 2, "kyocera": 2, "toshiba": 1, "farmdo": 1, "melco": 1})

need("ceb_streetlight", "cebu", "en", "Street lamps that waste power and stay broken",
     "Cebu City pays for about 20,000 sodium and mercury-vapour lamps along its roads and in the barangays, a large item "
     "in the city's electricity budget. Many are out for months because outages are only known when residents complain. "
     "We want lamps that draw less power and last longer, that the city hall can check and turn down late at night, "
     "ideally paid back from the savings on the bill.",
     [], ["S14"], {"minebea": 3, "iwasaki": 2, "melco": 1})

need("hcm_mall_cooling", "hcmc", "ja", "大型商業施設の冷房設備更新",
     "ホーチミン市内の延床10万㎡級のショッピングモールで、電気料金の約6割が冷房に使われている。2000年代に導入した"
     "冷水をつくる大型機械の効率が落ち、乾季のピーク時には冷えが不足する。更新で電気代を下げたい。JCMの補助の活用も検討中。",
     ["hvac"], ["S6"], {"ebara_ref": 3, "mhi_ts": 2, "daikin": 2, "azbil": 1, "sanki": 1, "panasonic": 1, "tges": 1})

need("dad_nrw", "danang", "en", "Reduce water lost before it reaches customers",
     "About a quarter of the treated water produced by the city's water company never reaches a paying customer. Old "
     "pipes in the central districts leak underground and some customer meters under-read. We want to find where the "
     "water goes, divide the network into small monitored areas and train our field crews, starting with two districts.",
     ["water_supply"], ["S14", "S16"], {"ywater": 3, "fujitecom": 2, "kubota": 2, "metawater": 1, "sekisui": 1, "ebara_pumps": 1})

need("bkk_public_bldg", "bangkok", "ja", "都庁舎・公立病院の電力使用の把握と削減",
     "バンコク都の庁舎、都立病院、学校など約50の公共施設で、どこでどれだけ電気を使っているか分かっていない。"
     "建物ごと・設備ごとの使用量を計測し、運用の改善で削減したい。施設の省エネ担当職員の育成も必要。",
     ["ems"], ["S14"], {"azbil": 3, "hitachi": 2, "melco": 2, "yokogawa": 1, "obayashi": 1, "tges": 1})

need("jkt_ebus", "jakarta", "en", "Electrifying the city bus fleet",
     "The city's bus operator runs around 4,000 diesel buses on trunk corridors and feeder routes and has been told to "
     "make the whole fleet electric by 2030. We need vehicles that cope with tropical heat and occasional street flooding, "
     "depot charging and grid connections, and help with financing models.",
     ["ev"], ["S6"], {"evmj": 2, "toshiba": 2, "nichicon": 1, "nissan": 1, "ocg": 1, "terra": 1})

need("sby_organic", "surabaya", "ja", "生ごみ・市場ごみを減らす地域拠点の拡充",
     "市のごみの約6割は家庭の生ごみや市場の野菜くず。ベノウォ処分場への搬入量を減らすため、住区ごとに分けて集め、"
     "有機物を肥料に変える拠点を増やしたい。住民が参加でき、費用の安い方法を重視する。",
     ["composting"], ["S13", "S8"], {"nishihara": 3, "jpec": 3, "hitz": 1, "exri": 1, "yachiyo": 1})

need("uln_heating", "ulaanbaatar", "en", "Cleaner heating for schools and clinics in ger areas",
     "Outside the district heating network, schools, kindergartens and clinics in Ulaanbaatar's ger areas are heated by "
     "small, old coal-fired hot-water units with poor efficiency and heavy smoke, a major source of winter smog. The city "
     "wants to replace or consolidate them so that much less coal is burnt, with Japanese co-financing.",
     [], ["S9"], {"suuri": 3, "miura": 2, "tges": 1})

need("han_grid_loss", "hanoi", "ja", "配電網の損失を減らしたい",
     "ハノイ配電公社の配電損失率は約6%。特に古い柱上トランスの無負荷時の損失が大きい。損失の小さい機器への計画的な"
     "更新と、どこで損失が出ているかの分析を進めたい。",
     ["power_distribution"], ["S12"], {"proterial": 3, "fujielec": 2, "tepsco": 2, "melco": 1})

need("btm_port", "batam", "en", "Lower-emission port operations in Batam",
     "Batam's container terminal and ferry ports run on diesel: gantry and yard equipment, trucks and the ships' own "
     "engines while berthed. BP Batam wants a roadmap and a first pilot to cut port emissions, following the approach "
     "presented by Yokohama at the city-to-city meetings.",
     ["carbon_neutral_port"], ["S28", "S14", "S8"], {"ocg": 2, "mitsuies": 2, "nyk": 1})

need("bkk_cold", "bangkok", "en", "Replacing old refrigeration in frozen-food warehouses",
     "Seafood and frozen-food firms around Bangkok operate cold warehouses with R22 machines from the 1990s. The gas is "
     "being phased out, the plant uses a lot of electricity and leaks often. We are looking for efficient replacements "
     "that avoid synthetic gases with a high warming potential.",
     ["cold_chain", "refrigerants"], ["S3"], {"mayekawa": 3, "daikin": 2, "ebara_ref": 1, "mhi_ts": 1, "yokorei": 1})

need("ceb_landfill", "cebu", "ja", "満杯の処分場の閉鎖と次の処分先",
     "セブ市のビナリウ処分場は容量を超え、閉鎖命令の後も使われ続けている。汚水が周辺に流れ出し、火災やガスの発生もある。"
     "安全に閉じる方法、新しい処分場の計画、発生するガスの回収・利用について助言を求めたい。",
     [], ["S16"], {"yachiyo": 2, "exri": 2, "jfe": 1})

need("vte_ev2w", "vientiane", "en", "Electric tuk-tuks and motorbikes for city trips",
     "Most trips in Vientiane are made by motorbike and tuk-tuk, and fuel imports weigh on the country's budget while "
     "electricity is mostly hydro. The city and a tuk-tuk drivers' association want to pilot battery-powered versions, "
     "with places where drivers can get going again in minutes rather than waiting hours.",
     [], ["S6"], {"terra": 3, "honda": 3, "nissan": 1, "nichicon": 1, "evmj": 1})

need("dad_hotel", "danang", "ja", "リゾートホテルの給湯・冷房のエネルギー削減",
     "ダナンの海岸沿いのリゾートホテル（客室300室規模）では、客室・プール・ランドリーのお湯を重油とLPGのボイラーで、"
     "冷房を古い個別エアコンで賄っている。観光客の増加でエネルギー費が膨らみ、市のゼロカーボン宣言に沿って削減したい。",
     ["heat_pump"], ["S4"], {"panasonic": 2, "mhi_ts": 2, "daikin": 1, "tges": 1, "miura": 1, "yanmar": 1, "mayekawa": 1})

need("hcm_ip_wwtp", "hcmc", "en", "Electricity use of industrial-park effluent plants",
     "Central effluent plants in the city's export processing zones and industrial parks run their air supply around the "
     "clock at fixed speed; electricity is their largest operating cost. Operators want to cut it without breaching "
     "discharge limits, and some plants also need more capacity as new factories connect.",
     ["sewage_treatment"], ["S6"], {"sanki": 2, "ebara_pumps": 2, "metawater": 2, "kubota": 2, "kurita": 1,
                                    "yokogawa": 1, "fujielec": 1, "tsurumi": 1})

need("ygn_backup", "yangon", "ja", "停電に強い病院・給水施設",
     "ヤンゴンでは計画停電と突然の停電が頻発し、市の病院や給水ポンプ場はディーゼル発電機に頼っている。燃料費と排ガスを"
     "減らすため、屋根や敷地で発電し電気をためておき、停電時も重要な機器に給電し続けられる仕組みを導入したい。",
     ["microgrid", "disaster_resilience"], ["S6"], {"kyocera": 2, "toshiba": 2, "sharp": 1, "ntt_ae": 1, "nissan": 1})

need("bkk_climate_plan", "bangkok", "en", "Next climate change master plan and a city emissions inventory",
     "Bangkok's climate change master plan ran to 2023. The Department of Environment must prepare the next plan towards "
     "net zero by 2050, build a yearly emissions inventory for the city (energy, transport, waste, wastewater) and set "
     "sector targets. We need technical advisers and training for our staff.",
     ["decarb_planning", "mrv"], ["S16", "S14"], {"nkoei": 2, "murc": 2, "suuri": 1, "hitachi": 1, "nikken": 1, "ocg": 1})

need("jkt_textile", "jakarta", "ja", "テキスタイル工場の光熱費削減",
     "ジャカルタ周辺の糸・布の工場では、室内の温湿度を保つ冷房と、染色・仕上げ用の蒸気が電気代・燃料代の大半を占める。"
     "設備は20年以上前のもの。更新で光熱費とCO2を減らしたい（JCMの補助を想定）。",
     [], ["S11"], {"ebara_ref": 3, "miura": 2, "mhi_ts": 2, "daikin": 1, "tges": 1, "yokogawa": 1, "azbil": 1})

need("dvo_residues", "davao", "en", "Power from crop residues at processing plants",
     "Coconut and banana processors and rice mills around Davao leave large amounts of husks, shells and stalks that are "
     "burnt in the open or dumped. The city would like these turned into electricity and steam for the processing plants, "
     "reducing diesel and grid purchases.",
     ["biomass_power"], ["S6"], {"takuma": 3, "jfe": 2, "oji": 2, "yanmar": 1, "hitz": 1, "miura": 1})

need("hph_purification", "haiphong", "ja", "浄水場の水質悪化への対応",
     "ハイフォン市の浄水場では原水の河川の汚れ（アンモニア、藻類）が進み、現在の急速ろ過では水質基準を満たせない日がある。"
     "薬品を多く使わず運転費の安い高度な処理の導入と、古い施設の更新を検討している。",
     ["water_supply"], ["S8"], {"metawater": 2, "kubota": 2, "ywater": 2, "toray": 1, "organo": 1})

need("btm_industrial_water", "batam", "ja", "工業団地の水不足",
     "バタム島の水源は雨水をためる貯水池だけで、乾季には工業団地で給水制限が起きる。海水から真水をつくる施設や、"
     "工場から出る水を処理してもう一度使う仕組みを検討したい。",
     ["water_reuse"], ["S14"], {"toray": 2, "organo": 2, "kurita": 2, "hitz": 2, "kubota": 1, "metawater": 1})

need("han_market_waste", "hanoi", "en", "Treating market leftovers instead of landfilling them",
     "Hanoi's wholesale markets produce dozens of tonnes a day of vegetable and fruit leftovers that are trucked to Nam Son "
     "landfill, where they rot and smell. The city wants to test treating them in an enclosed plant that yields a fuel gas "
     "for generating electricity and leaves a fertiliser.",
     [], ["S6"], {"hitz": 2, "jfe": 2, "nishihara": 1, "jpec": 1, "tsukishima": 1})

need("uln_solar", "ulaanbaatar", "ja", "郊外の遊休地での大規模な太陽光の発電所",
     "ウランバートルの電力は9割以上が石炭火力。郊外の遊休地に数MW〜10MW規模の太陽光の発電所をつくり、系統に送電したい。"
     "冬は−30℃を下回る。IPP方式で参加する企業を募集する。",
     ["solar_pv"], ["S9"], {"farmdo": 3, "sharp": 3, "kyocera": 2, "ntt_ae": 1, "eurus": 1})

need("bkk_signals", "bangkok", "ja", "交差点の信号を交通量に合わせたい",
     "バンコク都心の交差点では信号が固定時間で運用され、朝夕の渋滞でバスが遅れ排ガスも増えている。主要な通りで、"
     "交通量に応じて信号を自動で調整する仕組みを導入したい。",
     ["public_transport"], ["S16"], {"sumiden": 2, "nissin": 2, "hitachi": 1, "ocg": 1})

need("pnh_pumping", "phnompenh", "en", "Electricity bill of the water utility's pumping",
     "Phnom Penh's water supply authority now serves almost the whole city around the clock, but pumping raw and treated "
     "water has become its biggest cost after staff. Most pumps date from the 1990s and 2000s, run at constant speed and "
     "are throttled with valves at night when demand falls. We want an energy audit of the intake, treatment and booster "
     "stations and a replacement programme that pays for itself.",
     [], ["S8", "S16"], {"ebara_pumps": 2, "fujielec": 2, "tsurumi": 1, "kubota": 1, "ywater": 1, "melco": 1})

need("dad_port", "danang", "ja", "ダナン港のカーボンニュートラル化",
     "ダナン市は2050年のカーボンニュートラルを宣言し、ティエンサ港と建設中のリエンチウ港を脱炭素型の港にしたい。"
     "コンテナの積み降ろし機械や構内トラックの燃料、停泊中の船が出す排ガスを減らす方策と、最初に取り組む事業の案が欲しい。",
     ["carbon_neutral_port"], ["S5", "S4"], {"ocg": 2, "mitsuies": 2, "nyk": 1})

need("ceb_septage", "cebu", "en", "Treating septic tank sludge in Metro Cebu",
     "Metro Cebu has almost no sewers: nine homes in ten rely on septic tanks that are rarely emptied, and private trucks "
     "sometimes dump what they collect into rivers. The water district wants a plant that receives and treats the collected "
     "sludge, a desludging schedule for households and, later, a sewerage master plan. Grant funding from Japan is expected.",
     [], ["S27", "S26"], {"ywater": 3, "yachiyo": 3, "tsukishima": 2, "metawater": 2, "jfe": 1, "kubota": 1})


def fnv1a64(text):
    h = 0xcbf29ce484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def part(key):
    """The split, made once (issue 16) and never re-drawn: FNV-1a 64 of the need's key, even = development,
    odd = held-out. Tune only on development; `make eval-matching` reports both."""
    return "dev" if fnv1a64(key) % 2 == 0 else "heldout"


def build():
    ckey = {c["slug"]: "C%02d" % (i + 1) for i, c in enumerate(COMPANIES)}
    nkey = {n["slug"]: "N%02d" % (i + 1) for i, n in enumerate(NEEDS)}
    companies = []
    for c in COMPANIES:
        d = {"key": ckey[c["slug"]]}
        d.update({k: v for k, v in c.items() if k != "slug"})
        companies.append(d)
    needs, judgements = [], []
    for n in NEEDS:
        d = {"key": nkey[n["slug"]], "part": part(nkey[n["slug"]])}
        d.update({k: v for k, v in n.items() if k not in ("slug", "judged")})
        needs.append(d)
        for slug, g in sorted(n["judged"].items(), key=lambda kv: ckey[kv[0]]):
            judgements.append({"need": nkey[n["slug"]], "company": ckey[slug], "relevance": g})
    return {
        "version": 1,
        "sources": [{"id": i, "title": t, "url": u} for i, t, u in SOURCES],
        "cities": [{"key": k, "name_en": e, "name_ja": j, "country": c} for k, e, j, c in CITIES],
        "companies": companies,
        "needs": needs,
        "judgements": judgements,
    }


if __name__ == "__main__":
    # The later batches append to the lists of the imported module instance (this file runs as __main__).
    sys.path.insert(0, HERE)
    import build_dataset as base
    import dataset_companies2  # noqa: F401
    import dataset_needs2  # noqa: F401
    import dataset_companies3  # noqa: F401
    import dataset_needs3  # noqa: F401
    data = base.build()
    with open(os.path.join(HERE, "dataset.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("companies %d, needs %d, judgements %d" % (len(data["companies"]), len(data["needs"]), len(data["judgements"])))
