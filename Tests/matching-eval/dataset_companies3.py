"""Third batch of companies (issue 16): appended after the second batch, keys C158.. in list order.

Profiles paraphrase public information: the companies' product pages (S15), and, where a delivered project is named, a
cited page: Kitakyushu's biological filtration in Hai Phong (S39, S40), JFE Engineering's waste-heat plant in Tuban
(S41, S42), Asian Gateway's lightweight panels in Phnom Penh (S46), the Osaka-Ho Chi Minh City and Kawasaki-Yangon
cooperation (S47, S48). About a third are described only in Japanese; several are distractors or near misses (a
rice-milling machine maker, a tachograph maker, a paint maker, construction machinery, a consumer electronics maker).
Never copy a need's wording here (validate.py checks).
"""
from build_dataset import CITIES, SOURCES, T, R, co

SOURCES.extend([
    ("S39", "北九州市が国内特許を有する高度浄水処理設備をベトナム・ハイフォン市に整備します (City of Kitakyushu press release, 2013-06-19; U-BCF)",
     "https://japan.cnet.com/release/30046012/"),
    ("S40", "神鋼環境ソリューション: ベトナム国ハイフォン市水道公社 上向流式生物接触ろ過池（U-BCF）竣工（ビンバオ浄水場 5,000 m3/d, 2013-12）",
     "https://expydoc.com/doc/5809725/"),
    ("S41", "Semen Indonesia to invest Rp638 bln in power generating project (Republika, 2014-07-15; 30.6 MW waste heat recovery with JFE Engineering, JCM)",
     "https://en.republika.co.id/berita/n8r2bj/semen-indonesia-to-invest-rp638-bln-in-power-generating-project"),
    ("S42", "JFEエンジ インドネシアから廃熱回収発電受注を発表 (Tuban cement plant, JCM feasibility study)",
     "https://indonesia-news.biz/?p=3863"),
    ("S43", "UN Public Administration case: technology transfer of the Fukuoka Method (semi-aerobic landfill), Environmental Bureau, Fukuoka City",
     "https://publicadministration.un.org/en/Research/Case-Studies/unpsacases/ctl/NominationProfile/mid/1170/id/672"),
    ("S44", "UN-Habitat Fukuoka: Project for the Urgent Improvement of Solid Waste Management in Yangon City (Htein Bin dumpsite fire, 2018)",
     "https://fukuoka.unhabitat.org/en/projects/2636/"),
    ("S45", "Japan's Fukuoka technology helps implement waste dumpsite project in Thayetpinchaung village (Myanmar Ministry of Information)",
     "http://www.mdn.gov.mm/en/japans-fukuoka-technology-helps-implement-waste-dumpsite-project-thayetpinchaung-village"),
    ("S46", "Ultra-lightweight Solar Panels to Be Introduced at School in Cambodia (Nikkei BP, 2020-03-11; Asian Gateway, JCM)",
     "https://project.nikkeibp.co.jp/ms/atclen/19/00001/00337/"),
    ("S47", "大阪市: ベトナム国ホーチミン市脱炭素都市形成に関する局長級政策対話 (2022-08; JCM projects: air conditioning, boilers, LED, rooftop PV)",
     "https://www.city.osaka.lg.jp/kankyo/page/0000577218.html"),
    ("S48", "ICLEI Japan: 川崎市 ミャンマー国計画・財務大臣の川崎市表敬 (Kawasaki-Yangon JCM city-to-city collaboration since 2015)",
     "https://japan.iclei.org/ja/news/kawasaki-3"),
    ("S49", "Fukuoka City and Yangon City Sistership (Fukuoka Now; waterworks experts since 2012, sewerage trainees, Fukuoka method)",
     "https://www.fukuoka-now.com/en/news/fukuoka-city-yangon-city-sistership/"),
    ("S50", "IGES: Actions for a Sustainable Society, Collaboration between Asia and the City of Kitakyushu (Phnom Penh, Surabaya, Hai Phong, Mandalay)",
     "https://docslib.org/doc/3794264/collaboration-between-asia-and-the-city-of-kitakyushu-for-a-ns-a-ctio"),
    ("S51", "GEC: ホーチミン市・大阪市連携による低炭素都市形成支援調査 (Binh Dien wholesale market, waste, sewerage, energy saving)",
     "http://gec.jp/citycoop/osaka-hcm-lcc/support/survey.html"),
])

CITIES.extend([
    ("mandalay", "Mandalay", "マンダレー", "MM"), ("hue", "Hue", "フエ", "VN"),
    ("chiangmai", "Chiang Mai", "チェンマイ", "TH"), ("medan", "Medan", "メダン", "ID"),
])

co("asian_gateway", "アジア・ゲートウェイ株式会社", None, False, "sme", False, ["ja"], ["KH"], [
    T(["solar_pv"], title_ja="超軽量の太陽電池パネルと屋根上発電",
      desc_ja="化学強化した薄いガラスで従来の約半分の重さにしたパネルを、構造の弱い建物の上に載せて自家消費する。"
              "カンボジアで二国間クレジットの設備補助を活用した導入を手がける。"),
], [R("KH", "Phnom Penh", 2016, "インターナショナルスクールの屋上に200kWの軽量パネルを設置（JCM設備補助、カンボジア初のクレジット発行）。")],
   ["S46"])

co("kws", "株式会社北九州ウォーターサービス", None, False, "sme", False, ["ja"], ["VN", "KH"], [
    T(["water_supply"], title_ja="微生物を利用した高度浄水（上向流式生物接触ろ過）の導入支援",
      desc_ja="北九州市上下水道局が開発した、粒状活性炭に住む微生物で原水中のアンモニア態窒素、溶存マンガン、"
              "かび臭を取り除く処理。塩素の使用量とトリハロメタンを減らせる。海外の水道事業体への技術協力と運転指導。"),
], [], ["S39", "S50"])

co("nittsu", "日本通運株式会社", "Nippon Express Co., Ltd.", False, "large", False, ["ja", "en"], ["VN", "TH", "ID"], [
    T(["mobility", "sensors_iot"], "Fuel-saving truck operation with digital tachographs",
      "Recorders in each lorry log speed, idling, sudden acceleration and braking; our managers coach drivers from the "
      "data, lowering diesel consumed per kilometre across the logistics fleet.",
      "デジタルタコグラフによる低燃費の運行",
      "各車両の記録計が速度、アイドリング、急加速、急ブレーキを記録し、管理者がそのデータで運転者を指導して、"
      "物流車両全体の走行距離あたりの軽油使用量を下げる。"),
], [R("VN", None, 2014, "Eco-driving programme with digital tachographs in its Vietnamese trucking operations, registered under the JCM.")],
   ["S6"])

co("yazaki", "矢崎エナジーシステム株式会社", None, False, "large", False, ["ja"], ["TH", "ID"], [
    T(["sensors_iot"], title_ja="デジタルタコグラフと運行管理システム",
      desc_ja="トラック・バス・タクシーの速度、急加速・急ブレーキ、アイドリングを記録し、運行管理者が安全運転と燃費の指導に使う。"),
    T(["hvac"], title_ja="ガス・排熱で動く吸収式冷温水機",
      desc_ja="電気でなく熱で冷水をつくる冷暖房機。コージェネレーションの排熱や太陽熱を利用できる。"),
])

co("njs", "株式会社NJS", "NJS Co., Ltd.", False, "large", False, ["ja", "en"], ["PH", "VN", "ID", "MM"], [
    T(["sewage_treatment", "decarb_planning"], "Planning and design of sewerage and wastewater treatment",
      "Consulting engineers for sewer networks and treatment works: master plans, feasibility studies, detailed design "
      "and construction supervision for municipalities in Japan and abroad.",
      "下水道と下水処理場の計画・設計",
      "下水管渠と処理場のコンサルタント。国内外の自治体向けにマスタープラン、事業化調査、詳細設計、施工監理を行う。"),
    T(["water_supply"], "Water supply planning and reduction of non-revenue water",
      "Design of treatment and distribution facilities, network diagnosis and programmes that bring down leakage and "
      "unbilled consumption.",
      "水道計画と無収水の削減",
      "浄水・配水施設の設計、管網の診断、漏水や料金につながらない水量を減らす計画づくり。"),
])

co("nissuicon", "株式会社日水コン", None, False, "large", False, ["ja"], ["VN", "ID", "KH", "LA"], [
    T(["water_supply", "sewage_treatment"], title_ja="上下水道コンサルタント（計画・設計・施工監理）",
      desc_ja="浄水場・配水池・下水処理場の基本計画から設計、施工監理、維持管理の改善まで。ODA案件でのアジア各国の実績。"),
])

co("meidensha", "株式会社明電舎", "Meidensha Corporation", False, "large", False, ["ja", "en"], ["TH", "SG", "VN", "ID"], [
    T(["sewage_treatment", "water_reuse"], "Ceramic flat-sheet membranes for wastewater",
      "Durable ceramic membrane units for membrane bioreactors and effluent polishing, with the electrical and control "
      "equipment of treatment works.",
      "下水・排水処理用セラミック平膜",
      "膜分離活性汚泥法や放流水の仕上げに使う耐久性の高いセラミック膜ユニットと、処理場の電気・制御設備。"),
    T(["power_distribution"], "Substation equipment and switchgear",
      "Transformers, vacuum switchgear and packaged substations for utilities and industrial plants.",
      "変電設備・開閉装置",
      "電力会社と工場向けの変圧器、真空遮断器、パッケージ型の変電設備。"),
])

co("yaskawa", "株式会社安川電機", "Yaskawa Electric Corporation", False, "large", False, ["ja", "en"], ["TH", "VN", "ID", "IN"], [
    T(["motors"], "Variable-speed drives for pumps, fans and compressors",
      "AC inverter drives that match motor speed to the load instead of throttling flow with valves or dampers, "
      "with energy savings monitored on the drive.",
      "ポンプ・ファン・圧縮機用のインバータ",
      "弁やダンパで流量を絞る代わりに、負荷に合わせて電動機の回転数を変えるインバータ。省エネ量を機器上で確認できる。"),
])

co("satake", "株式会社サタケ", None, False, "large", False, ["ja"], ["TH", "VN", "MM", "ID"], [
    T(["forestry_agri"], title_ja="精米・穀物乾燥の機械とプラント",
      desc_ja="精米機、光選別機、穀物乾燥機から精米工場一式まで。アジア各国の米の加工業者に納入。"),
])

co("kyokuto", "極東開発工業株式会社", None, False, "large", False, ["ja"], ["ID", "IN"], [
    T(["recycling"], title_ja="塵芥収集車と中継施設のコンパクタ",
      desc_ja="家庭ごみや資源物を積み込み圧縮して運ぶ収集車、ごみを大型コンテナに詰め替える中継施設の設備。"),
])

co("lixil", None, "LIXIL Corporation", False, "large", False, ["en"], ["BD", "IN", "KE"], [
    T(["sewage_treatment"], "Low-water pour-flush toilet pans for homes without sewers",
      "Affordable plastic toilet pans with a self-closing trap that keeps out flies and odour, fitted over pits or "
      "septic tanks."),
])

co("tanaka_hydro", "田中水力株式会社", None, False, "sme", False, ["ja"], ["JP"], [
    T(["small_hydro"], title_ja="小水力発電用水車の設計・製作",
      desc_ja="落差や流量に合わせたクロスフロー水車、フランシス水車などを一台ずつ設計し、発電機とともに納める。"),
])

co("plantec", "株式会社プランテック", None, False, "sme", False, ["ja"], ["JP"], [
    T(["waste_to_energy"], title_ja="中小規模の竪型ストーカ式焼却炉",
      desc_ja="一日数十トン規模の自治体・事業者向け焼却施設。立て形の炉で安定して燃やし、排熱をボイラーで回収する。"),
])

co("weathernews", "株式会社ウェザーニューズ", "Weathernews Inc.", False, "large", False, ["ja", "en"], [], [
    T(["disaster_resilience", "sensors_iot"], "Weather forecasting and heavy-rain alerts",
      "Forecasts for shipping, airlines, roads and utilities, with our own observation network and alerts of "
      "torrential rain and lightning.",
      "気象予報と豪雨の警報",
      "海運・航空・道路・電力向けの予報。独自の観測網と、局地的な大雨や雷の警報。"),
])

co("isuzu", "いすゞ自動車株式会社", "Isuzu Motors Limited", False, "large", False, ["ja", "en"], ["TH", "ID", "VN", "PH"], [
    T(["ev"], "Battery-electric light-duty trucks",
      "Electric versions of our small trucks for city delivery and refuse collection, with a charging and fleet "
      "management offer.",
      "電気小型トラック",
      "市街地の配送やごみ収集に使う小型トラックの電気自動車版。充電と車両管理の提案を含む。"),
])

co("kyuden", None, "Kyuden International Corporation", False, "large", False, ["en"], ["ID", "PH", "VN"], [
    T(["geothermal"], "Investment in and operation of overseas geothermal plants",
      "Kyushu Electric Power's overseas arm takes equity in independent power producers and brings its experience of "
      "running geothermal fields in Japan."),
], [R("ID", None, 2018, "Partner in the 330 MW Sarulla geothermal IPP in North Sumatra.")])

co("swing", "水ing株式会社", None, False, "large", False, ["ja"], [], [
    T(["sewage_treatment", "water_supply"], title_ja="上下水道・産業排水の処理設備と運転管理",
      desc_ja="浄水場、下水処理場、工場の排水処理設備の設計・建設と、長期の運転・維持管理の受託。"),
])

co("toa_dkk", "東亜ディーケーケー株式会社", None, False, "large", False, ["ja"], ["CN"], [
    T(["sensors_iot"], title_ja="水質・大気の自動計測器",
      desc_ja="pH、溶存酸素、COD、濁度などを連続で測る水質計と、河川や排水口の自動監視局。"),
])

co("jvc", "株式会社JVCケンウッド", None, True, "large", False, ["ja"], ["TH", "ID"], [
    T(["sensors_iot"], title_ja="業務用無線機とドライブレコーダー",
      desc_ja="消防・警察・交通事業者向けの無線通信機器、車載カメラ、映像の記録と配信。"),
])

co("toda", None, "Toda Corporation", False, "large", False, ["en"], ["JP"], [
    T(["wind_power"], "Floating offshore wind turbines",
      "Hybrid spar floating foundations built and moored in deep water; commercial operation off the Goto Islands."),
    T(["buildings"], "Building construction", "General contractor for offices, hospitals and schools."),
])

co("tgs", "東京都下水道サービス株式会社", None, False, "large", False, ["ja"], [], [
    T(["sewage_treatment"], title_ja="下水道管路の点検・調査と処理施設の維持管理",
      desc_ja="テレビカメラによる管路の調査、更生計画、処理場の運転管理。東京都の下水道の維持管理を担う。"),
])

co("iseki", "井関農機株式会社", None, False, "large", False, ["ja"], ["TH", "ID", "CN"], [
    T(["forestry_agri"], title_ja="田植機・コンバイン・トラクタ",
      desc_ja="水田作業の機械化のための農業機械。アジア各地の販売・整備網。"),
])

co("shimadzu", None, "Shimadzu Corporation", False, "large", False, ["en"], ["TH", "VN", "ID"], [
    T(["sensors_iot", "mrv"], "Laboratory and online analysers",
      "Total organic carbon analysers, gas chromatographs for greenhouse gases and spectrometers for laboratories."),
])

co("komatsu", None, "Komatsu Ltd.", False, "large", False, ["en"], ["ID", "TH"], [
    T(["motors"], "Hybrid and battery-electric excavators",
      "Construction and mining machines that recover slewing energy or run on batteries."),
])

co("orix", None, "ORIX Corporation", False, "large", False, ["en"], ["ID", "IN", "VN"], [
    T(["solar_pv", "waste_to_energy"], "Renewable energy investment and leasing",
      "Equity in solar, wind and geothermal producers and leasing of energy-saving equipment."),
])

co("kansai_paint", "関西ペイント株式会社", None, False, "large", False, ["ja"], ["TH", "ID", "VN", "IN"], [
    T(["buildings"], title_ja="遮熱塗料（屋根・外壁用）",
      desc_ja="日射の近赤外線を反射し、屋根や外壁の表面温度と室内への熱の侵入を抑える塗料。"),
])

co("agc", None, "AGC Inc.", False, "large", False, ["en"], ["TH", "ID", "VN"], [
    T(["buildings"], "Heat-reflective and low-emissivity glazing",
      "Coated architectural glass that lets daylight in while reflecting solar heat, for new facades and replacement."),
])

co("daiki_axis", "株式会社ダイキアクシス", None, False, "large", False, ["ja"], ["ID", "VN", "CN"], [
    T(["sewage_treatment"], title_ja="浄化槽（分散型の排水処理）",
      desc_ja="下水管のない住宅・商業施設向けの工場製の浄化槽。インドネシアに製造拠点を持つ。"),
])

co("fujiclean", "フジクリーン工業株式会社", None, False, "large", False, ["ja"], [], [
    T(["sewage_treatment"], title_ja="家庭用・中規模の浄化槽",
      desc_ja="生活排水を微生物で処理する小型の浄化槽と、維持管理の仕組み。"),
])

co("jrc", "日本無線株式会社", "Japan Radio Co., Ltd.", False, "large", False, ["ja", "en"], ["PH", "ID", "VN"], [
    T(["disaster_resilience", "sensors_iot"], "Flood forecasting and warning systems",
      "Telemetered rain and river gauges, forecasting centres and sirens for river basins; supplied under Japanese "
      "grant aid.",
      "洪水予警報システム",
      "流域の雨量計・水位計のテレメータ、予測センター、警報サイレン。日本の無償資金協力で納入。"),
], [R("PH", None, None, "Flood forecasting and warning systems for river basins under Japanese grant aid.")])

co("oyo", "応用地質株式会社", None, False, "large", False, ["ja"], ["ID", "PH"], [
    T(["disaster_resilience"], title_ja="地盤・地下水の調査と斜面・冠水の監視センサー",
      desc_ja="地質調査、物理探査、地すべりや道路冠水を知らせる小型センサー。"),
])

co("toyota_ind", None, "Toyota Industries Corporation", False, "large", False, ["en"], ["TH", "ID"], [
    T(["ev"], "Battery-electric forklifts", "Electric counterbalance forklifts and warehouse trucks with lithium-ion batteries."),
])

co("tlv", "株式会社テイエルブイ", "TLV Co., Ltd.", False, "large", False, ["ja", "en"], ["TH", "VN", "ID", "MY"], [
    T(["efficiency", "waste_heat"], "Steam traps and steam system surveys",
      "Surveys that find failed traps and leaks in a plant's steam and condensate lines, replacement traps, and "
      "recovery of condensate and flash steam.",
      "スチームトラップと蒸気設備の診断",
      "工場の蒸気・ドレン配管で故障したトラップや漏れを見つける診断、トラップの交換、ドレンとフラッシュ蒸気の回収。"),
])

co("nichias", "ニチアス株式会社", None, False, "large", False, ["ja"], ["TH", "VN", "ID"], [
    T(["efficiency"], title_ja="工業用の保温材・断熱材",
      desc_ja="配管、バルブ、炉の保温・断熱材と施工。熱の逃げを減らす。"),
])

co("mhi_power", None, "Mitsubishi Power", False, "large", False, ["en"], ["TH", "ID", "VN", "PH"], [
    T(["cogeneration", "hydrogen_use"], "Gas turbines for combined-cycle plants",
      "Large gas turbines and combined-cycle plants, designed to burn hydrogen blends."),
])
