extension GlossaryData {
    /// Equipment, operations and the plain words cities use for what they want done: the vocabulary around the
    /// named technologies in the other parts (a need says "pumps run at constant speed", "water lost before it
    /// is billed", "machines that chill water"; a profile says インバータ, 無収水, 冷凍機). Added in issue 16's
    /// third round from general knowledge of the domains, each pair reviewed by hand against the usage of the
    /// source named: T taxonomy.tsv, M MOEJ/JCM bilingual project titles and methodologies, P JIS C 8960,
    /// S the sewerage and waterworks glossaries (日本下水道協会, 日本水道協会), E MOEJ white paper (English edition),
    /// A common technical usage (docs/matching.md). Japanese variants are at least two characters and name a
    /// thing, not a process, so that a term found inside a compound still says what the text is about.
    static let practice = """
    # Energy supply and use
    電源 ; power supply|power source ; A
    電源設備 ; power supply equipment|electrical equipment ; A
    受変電設備|受電設備 ; substation equipment|power receiving equipment|receiving substation ; A
    低圧線|低圧配電線 ; low-voltage line|low voltage line|low-voltage network ; A
    電圧 ; voltage ; A
    電圧降下 ; voltage drop ; A
    力率|力率改善 ; power factor|power factor correction ; A
    無効電力 ; reactive power ; A
    高調波 ; harmonics ; A
    配電盤|分電盤 ; switchboard|distribution board|panel board ; A
    ケーブル|電線 ; cable|cables|electric wire ; A
    変換効率 ; conversion efficiency ; P
    発電量|発電電力量 ; power output|generation output|energy yield|electricity generated ; P
    設備容量|定格出力 ; installed capacity|rated output|rated capacity ; A
    日射量|日射 ; solar irradiance|irradiation|insolation|sunshine ; P
    架台 ; mounting structure|racking ; P
    追尾式 ; solar tracker|tracking system ; P
    パネル清掃 ; panel cleaning|module cleaning ; A
    カーポート ; carport|solar carport ; A
    営農型太陽光|ソーラーシェアリング ; agrivoltaics|solar sharing|agri-PV ; A
    蓄熱 ; thermal storage|heat storage ; A
    氷蓄熱 ; ice thermal storage|ice storage ; A
    太陽熱|太陽熱温水器 ; solar thermal|solar water heater|solar hot water ; A
    地中熱|地中熱ヒートポンプ ; ground source heat pump|geothermal heat pump|ground heat ; A
    雪氷熱|雪冷房 ; snow cooling|snow ice energy ; A
    バイオ燃料|バイオエタノール ; biofuel|bioethanol ; A
    バイオマス燃料 ; biomass fuel ; A
    固形燃料|RPF|RDF ; refuse-derived fuel|RDF|solid recovered fuel|SRF ; A
    炭化|炭化炉 ; carbonisation|carbonization|charring|carbonizer ; A
    バイオ炭 ; biochar ; A
    木炭 ; charcoal ; A
    薪炭|薪ストーブ ; firewood|fuelwood|wood stove ; A
    練炭|豆炭 ; coal briquette|briquette ; A
    褐炭 ; lignite|brown coal ; A
    石炭火力|石炭火力発電 ; coal-fired power|coal power plant|coal-fired plant ; E
    火力発電|火力発電所 ; thermal power|thermal power plant ; A
    ガス火力|コンバインドサイクル ; gas-fired power|combined cycle|CCGT ; A
    LNG|液化天然ガス ; LNG|liquefied natural gas ; A
    ディーゼル|軽油 ; diesel|diesel fuel ; A
    ガソリン ; gasoline|petrol ; A
    燃料消費|燃料消費量|燃費 ; fuel consumption|fuel economy|fuel use ; A
    燃焼 ; combustion|burning|burn ; A
    燃焼効率 ; combustion efficiency ; A
    バーナー|燃焼装置 ; burner|combustion equipment ; A
    空気比 ; air ratio|excess air ; A
    排ガス|排気ガス ; exhaust gas|flue gas|exhaust ; A
    煙突 ; chimney|smokestack ; A
    集じん機|集塵機|電気集じん機 ; dust collector|electrostatic precipitator|baghouse|bag filter ; A
    脱硫|脱硫装置 ; desulphurisation|desulfurization|FGD ; A
    脱硝 ; denitrification|NOx removal|SCR ; A
    ばいじん|煤塵|粉じん|粉塵 ; dust|particulate matter|soot ; E
    微小粒子状物質 ; PM2.5|fine particulate matter|fine particles ; E
    スモッグ ; smog|haze ; E
    熱交換器 ; heat exchanger ; A
    蒸気トラップ ; steam trap ; A
    ドレン回収 ; condensate recovery|condensate return ; A
    保温 ; pipe insulation|lagging ; A
    工業炉|加熱炉 ; industrial furnace|furnace|kiln ; A
    乾燥機|乾燥設備 ; dryer|drier|drying equipment ; A
    乾燥 ; drying ; A
    蒸気ボイラー ; steam boiler ; A
    温水 ; warm water ; A
    冷温水機|吸収式冷凍機 ; absorption chiller|absorption refrigerator ; A
    省エネ診断|エネルギー診断|エネルギー監査 ; energy audit|energy diagnosis|energy survey ; M
    ベースライン ; baseline ; M
    原単位 ; energy intensity|intensity|per unit of output ; A
    投資回収|投資回収年数|回収期間 ; payback|payback period|return on investment|pays for itself ; A
    初期費用|初期投資|導入費用 ; initial cost|upfront cost|capital cost|capital expenditure ; A
    ランニングコスト|運転費|維持管理費 ; running cost|operating cost|operation and maintenance cost|O&M cost ; A
    維持管理|保守|メンテナンス ; maintenance|operation and maintenance|O&M|upkeep ; A
    予防保全 ; preventive maintenance|predictive maintenance ; A
    故障 ; breakdown|failure|malfunction ; A
    設備更新|リプレース ; equipment renewal|equipment replacement ; A
    運転管理|運用改善 ; operation management|operational improvement ; A
    運転データ ; operating data|operational data ; A
    稼働率 ; operating rate|availability|utilisation rate ; A
    定速 ; constant speed|fixed speed ; A
    回転数制御|可変速 ; speed control|variable speed ; A
    太陽|日光 ; sun|sunlight|solar ; A
    風力 ; wind|wind energy ; A
    水力 ; hydro|water power ; A
    結晶シリコン ; crystalline silicon ; P
    自立運転 ; stand-alone operation|islanded operation|island mode ; P
    非常時|非常用 ; emergency|in an emergency ; A
    無停電電源|UPS ; uninterruptible power supply|UPS|uninterruptible supply ; A
    通信基地局|基地局 ; telecom tower|telecom site|base station ; A
    余剰電力 ; surplus electricity|surplus power|excess electricity ; A
    容量市場 ; capacity market ; A
    損失|ロス ; loss|losses ; A
    低損失 ; low-loss|low loss|reduced losses ; M
    無負荷損失 ; no-load loss|no-load losses|core loss ; M
    電圧安定化 ; voltage stabilisation|voltage stabilization|stable voltage ; A
    寒冷地 ; cold climate|cold region ; A
    エコノマイザ ; economiser|economizer ; A
    空冷 ; air-cooled|air cooled ; A
    中央式空調|セントラル空調 ; central air conditioning|central plant ; A
    水素製造|水素生成 ; hydrogen production|hydrogen generation|produce hydrogen ; T
    電気分解 ; electrolysis ; A
    # Buildings and public facilities
    庁舎|市庁舎|役所 ; city hall|government building|public office|town hall ; A
    公共施設 ; public facility|public facilities|public building ; A
    公共建築物 ; public buildings ; A
    学校施設|校舎 ; school building|schools ; A
    幼稚園|保育園 ; kindergarten|nursery school ; A
    診療所|クリニック ; clinic|health centre|health center ; A
    公立病院 ; public hospital ; A
    オフィスビル|事務所ビル ; office building|office buildings ; A
    集合住宅|アパート|マンション ; apartment building|apartment|housing complex|flats ; A
    住宅 ; housing|house|home|dwelling ; A
    低所得者住宅|公営住宅 ; social housing|public housing|low-income housing ; A
    空港 ; airport ; A
    鉄道駅|駅前 ; railway station|train station ; A
    大学|キャンパス ; university|campus ; A
    体育館|スポーツ施設 ; gymnasium|sports facility ; A
    会議場|コンベンションセンター ; convention centre|convention center|conference centre ; A
    外皮|建物外皮 ; building envelope|envelope ; A
    屋上緑化|壁面緑化 ; green roof|rooftop greening|green wall ; A
    遮熱|遮熱塗料 ; heat shielding|cool roof|reflective coating ; A
    日射遮蔽|ブラインド ; shading|solar shading|sunshade ; A
    自然換気 ; natural ventilation ; A
    換気|換気設備 ; ventilation|ventilation system ; A
    全熱交換器 ; energy recovery ventilator|ERV|heat recovery ventilator|HRV ; A
    空調機|エアハンドリングユニット|AHU ; air handling unit|AHU|air handler ; A
    ファンコイル|FCU ; fan coil unit|FCU ; A
    パッケージエアコン|ビル用マルチ ; packaged air conditioner|VRF|VRV|multi-split ; M
    窓用エアコン|窓型エアコン ; window air conditioner|window unit|window-type air conditioner ; A
    人感センサー ; occupancy sensor|motion sensor ; A
    個別計測|サブメータ ; submetering|sub-metering ; A
    照度 ; illuminance|light level ; A
    蛍光灯 ; fluorescent lamp|fluorescent tube|fluorescent lighting ; A
    白熱灯|白熱電球 ; incandescent lamp|incandescent bulb ; A
    投光器 ; floodlight ; A
    # Industry
    製造業 ; manufacturing|manufacturing industry ; A
    繊維|繊維工場|染色 ; textile|textile factory|dyeing ; M
    食品工場|食品加工 ; food factory|food processing ; A
    飲料工場|ビール工場 ; beverage plant|brewery ; A
    製糖|製糖工場 ; sugar mill|sugar factory ; A
    パーム油|パーム油工場|搾油工場 ; palm oil|palm oil mill ; A
    セメント|セメント工場 ; cement|cement plant|cement kiln ; A
    鉄鋼|製鉄 ; steel|steelmaking|iron and steel ; A
    化学工場 ; chemical plant ; A
    製紙 ; pulp and paper|paper mill ; A
    自動車部品 ; auto parts|automotive parts ; A
    縫製 ; garment|garment factory|apparel ; A
    水産加工 ; fish processing|seafood processing ; A
    精米 ; rice milling ; A
    製氷|製氷機 ; ice making|ice plant|ice machine ; A
    生産ライン ; production line ; A
    # Water, sewage and drainage
    水源 ; water source|raw water source ; S
    原水 ; raw water ; S
    貯水池|ダム ; reservoir dam|dam|impounding reservoir ; S
    給水|給水施設 ; water supply|water service|water delivery ; S
    給水制限|断水 ; water rationing|water supply cut|intermittent supply|water outage ; A
    水不足|渇水|干ばつ ; water shortage|water scarcity|drought|dry spell ; A
    水需要 ; water demand ; A
    常時給水 ; continuous water supply|24-hour water supply|around the clock ; S
    加圧ポンプ|増圧ポンプ ; booster pump|booster station ; S
    送水ポンプ|配水ポンプ ; distribution pump|transmission pump ; S
    揚水 ; water pumping|pumping ; A
    高架水槽|配水池 ; elevated tank|water tower|service reservoir|distribution reservoir ; S
    消毒|塩素消毒 ; disinfection|chlorination ; S
    残留塩素 ; residual chlorine ; S
    濁度 ; turbidity ; S
    凝集|凝集沈殿 ; coagulation|flocculation ; S
    浄水器 ; water purifier|point-of-use filter ; A
    井戸 ; well water|tube well|borehole ; A
    管路 ; pipeline|pipe network|pipes ; S
    老朽管|老朽管更新 ; aged pipes|old pipes|pipe replacement ; S
    管路診断 ; pipe condition assessment|pipe inspection ; S
    料金徴収 ; billing|bill collection ; A
    不正接続|盗水 ; illegal connection|water theft ; S
    水道料金 ; water tariff|water bill|water charges ; A
    下水処理水|処理水 ; treated water|treated effluent|effluent ; S
    放流 ; discharge|outfall ; S
    水質汚濁|河川汚濁|水質汚染 ; water pollution|river pollution|polluted river ; E
    富栄養化 ; eutrophication ; E
    BOD|生物化学的酸素要求量 ; BOD|biochemical oxygen demand ; S
    窒素除去|りん除去|高度処理 ; nutrient removal|nitrogen removal|phosphorus removal|advanced treatment ; S
    汚泥処理 ; sludge treatment|sludge handling|sludge management ; S
    汚泥乾燥 ; sludge drying|sludge dryer ; S
    濃縮|汚泥濃縮 ; thickening|sludge thickening ; S
    し尿処理|し尿処理施設 ; septage treatment|faecal sludge treatment plant|fecal sludge treatment plant|FSTP ; S
    汲み取り ; desludging|pit emptying ; S
    バキューム車|吸引車 ; vacuum truck|vacuum tanker|cesspit emptier ; A
    分散型処理|小規模下水処理 ; decentralised treatment|decentralized wastewater treatment|DEWATS ; S
    合併処理浄化槽|浄化槽設備 ; johkasou|on-site wastewater treatment|household treatment unit ; S
    人工湿地 ; constructed wetland ; S
    雨水 ; rainwater|stormwater ; S
    雨水利用|雨水貯留 ; rainwater harvesting|rainwater storage ; S
    内水氾濫|冠水 ; urban flooding|waterlogging ; A
    排水ポンプ ; drainage pump|flood pump ; A
    遊水地|調整池 ; retention pond|detention basin|flood retention ; S
    河川 ; river|rivers ; A
    運河|水路 ; canal|waterway ; A
    豪雨|大雨 ; heavy rain|torrential rain|heavy rainfall ; A
    治水|洪水対策 ; flood control|flood management|flood protection ; A
    送風|送気|空気を送る|空気を送り ; air supply|supplying air|blow air ; S
    かき寄せ機 ; sludge collector|sludge scraper ; S
    撹拌機|攪拌機|撹拌|攪拌 ; mixer|agitator|stirring ; S
    衛生埋立 ; sanitary landfill ; A
    延命化|長寿命化 ; life extension|extend the life|extend its life ; A
    # Waste
    ごみ収集車|パッカー車|収集車 ; garbage truck|refuse truck|collection vehicle|compactor truck ; A
    中継施設|中継基地 ; transfer station ; A
    ごみ箱|ごみステーション|集積所 ; bin|waste bin|collection point ; A
    不法投棄 ; illegal dumping|fly-tipping ; A
    野焼き ; open burning ; E
    ウェイストピッカー ; waste picker|scavenger ; A
    ごみ減量|廃棄物削減 ; waste reduction|waste minimisation|waste minimization ; A
    食品ロス ; food loss ; A
    市場ごみ ; market waste ; A
    剪定枝|草木 ; garden waste|green waste|yard waste|pruning ; A
    家畜ふん尿|畜産排せつ物|家畜排せつ物 ; livestock manure|animal manure|manure ; A
    畜産 ; livestock|livestock farming ; A
    養豚 ; pig farm|piggery|pig farming ; A
    医療廃棄物|感染性廃棄物 ; medical waste|healthcare waste|infectious waste ; A
    廃タイヤ ; waste tyres|waste tires|scrap tyres ; A
    ガラス瓶 ; glass bottle|glass bottles ; A
    アルミ缶 ; aluminium can|aluminum can ; A
    紙ごみ|古紙 ; waste paper|paper waste|cardboard ; A
    容器包装 ; packaging|containers and packaging ; A
    レジ袋 ; plastic bag|shopping bag ; A
    海洋プラスチック|海洋ごみ ; marine plastic|marine litter|ocean plastic|marine debris ; E
    破砕|破砕機 ; shredding|crusher|shredder ; A
    圧縮梱包 ; baling|compaction ; A
    ごみ質|発熱量 ; calorific value|heating value|waste composition ; A
    含水率|水分 ; moisture content|water content ; A
    # Transport and mobility
    自動車|乗用車 ; car|cars|automobile|passenger car ; A
    自家用車 ; private car|private vehicle ; A
    タクシー ; taxi ; A
    三輪タクシー|トゥクトゥク ; tuk-tuk|auto rickshaw|tricycle taxi ; A
    ジプニー ; jeepney ; A
    ミニバス ; minibus ; A
    通勤 ; commuting|commuters|commute ; A
    ラストワンマイル|ラストマイル ; last mile|first and last mile ; A
    自転車 ; bicycle|bike|cycling ; A
    歩行者 ; pedestrian|walking ; A
    駐車場 ; parking|car park ; A
    パークアンドライド ; park and ride ; A
    配車|配車システム ; dispatch|ride hailing|ride-hailing ; A
    運行管理 ; fleet management|operation management system ; A
    車両基地|バス車庫|デポ ; depot|bus depot|vehicle depot ; A
    アイドリング|アイドリングストップ ; idling|idle|anti-idling|idle stop ; A
    エコドライブ ; eco-driving ; A
    燃料電池車|FCV ; fuel cell vehicle|FCV|FCEV ; A
    ハイブリッド車 ; hybrid vehicle|hybrid car ; A
    CNG|CNG車 ; CNG|compressed natural gas ; A
    貨物|貨物輸送 ; freight|cargo|goods transport ; A
    配送|宅配 ; delivery|parcel delivery ; A
    地下鉄 ; subway|metro|underground railway ; A
    LRT|路面電車 ; LRT|light rail|tram ; A
    運賃収受|乗車券 ; fare collection|fare payment|ticketing|smart card ; A
    バスロケーション ; bus location system|real-time bus information ; A
    交通量調査 ; traffic survey|traffic count ; A
    感知器|車両感知器 ; vehicle detector|loop detector|traffic detector ; A
    交通情報 ; traffic information ; A
    商用車 ; commercial vehicle|commercial vehicles ; A
    路線バス ; city bus|route bus|public bus ; A
    幹線道路 ; arterial road|main road|trunk road ; A
    スマートフォン|スマホ|アプリ ; smartphone|phone|app|mobile app ; A
    貸出|レンタル ; rental|hire|rent ; A
    # Ports, ships and hydrogen
    コンテナ ; container|containers ; A
    ふ頭|岸壁|埠頭 ; wharf|quay|berth ; A
    停泊 ; berthing|moored|at berth ; A
    フォークリフト ; forklift ; A
    トレーラー ; trailer|tractor unit|terminal tractor ; A
    リーファーコンテナ|冷凍コンテナ ; reefer container|refrigerated container|reefer ; A
    燃料供給|バンカリング ; bunkering|fuel supply ; A
    水素燃料 ; hydrogen fuel ; A
    燃料電池フォークリフト ; fuel cell forklift ; A
    # Agriculture, food and nature
    農家 ; farmers|farmer ; A
    農産物 ; agricultural products|farm produce|crops ; A
    収穫後|ポストハーベスト ; post-harvest|postharvest ; A
    精米業者|精米機 ; rice miller|milling machine ; A
    ハウス栽培|施設園芸 ; greenhouse farming|glasshouse|greenhouse horticulture ; A
    養殖 ; aquaculture|fish farming ; A
    漁業|漁村 ; fishery|fishing village|fisheries ; A
    肥料|化学肥料 ; fertiliser|fertilizer|chemical fertilizer ; A
    有機肥料 ; organic fertiliser|organic fertilizer ; A
    土壌 ; soil ; A
    緑地|都市緑化 ; green space|urban greening ; A
    生物多様性 ; biodiversity ; E
    泥炭地 ; peatland|peat ; A
    森林火災|山火事 ; forest fire|wildfire ; A
    ヒートアイランド ; urban heat island|heat island ; E
    暑熱|熱中症 ; heat stress|extreme heat|heatstroke ; E
    塩害|塩水遡上 ; salinity intrusion|saltwater intrusion ; A
    海面上昇 ; sea level rise ; E
    適応|気候変動適応 ; adaptation|climate adaptation ; E
    緩和策|気候変動緩和 ; mitigation|climate mitigation ; E
    海岸侵食|海岸浸食|侵食|浸食 ; coastal erosion|erosion|eroding ; A
    養殖池 ; fishpond|fish pond|shrimp pond ; A
    炭素蓄積|炭素吸収|炭素固定 ; carbon stock|carbon storage|carbon sequestration|carbon sink ; E
    土地被覆|土地利用 ; land cover|land use ; A
    温暖化対策|地球温暖化対策 ; global warming countermeasures|climate measures|climate policy ; E
    温暖化対策計画|温暖化対策実行計画 ; climate action plan ; E
    # Seasons, resources and everyday words of needs
    冬季|冬場 ; winter|winters ; A
    夏季|夏場 ; summer|summers ; A
    夜間 ; night|at night|night-time|overnight ; A
    ピーク ; peak|peaks ; A
    需要 ; demand ; A
    効率|効率化 ; efficiency|efficiency improvement ; A
    屋根|屋上 ; roof|roofs|rooftop ; A
    灯油 ; kerosene|paraffin ; A
    調理|炊事 ; cooking|clean cooking ; A
    かまど|コンロ|調理用ストーブ ; cookstove|cooking stove ; A
    大気質 ; air quality ; E
    観光|観光地 ; tourism|tourist|tourist destination ; A
    リゾート ; resort ; A
    漁港 ; fishing port ; A
    海水 ; seawater|sea water ; A
    淡水|真水 ; fresh water|freshwater ; A
    降雨|降水量 ; rainfall|precipitation ; A
    冷却水 ; cooling water ; A
    プロセス加熱|工程加熱 ; process heat|process heating ; A
    # Planning, finance and cooperation
    都市間連携|都市間協力 ; city-to-city collaboration|city-to-city cooperation|sister city ; E
    技術協力 ; technical cooperation|technical assistance ; A
    無償資金協力 ; grant aid|grant funding ; A
    円借款 ; yen loan|concessional loan|ODA loan ; A
    政府開発援助|ODA ; official development assistance|ODA ; A
    国際協力機構|JICA ; JICA|Japan International Cooperation Agency ; A
    アジア開発銀行|ADB ; Asian Development Bank|ADB ; A
    官民連携|PPP ; public-private partnership|PPP ; A
    民間資金|民間投資 ; private finance|private investment ; A
    グリーンファイナンス|グリーンボンド ; green finance|green bond|climate finance ; E
    リース ; leasing|lease ; A
    入札|調達 ; tender|procurement|bidding ; A
    実証|実証事業|パイロット事業 ; demonstration|pilot project|demonstration project ; M
    導入事例|実績 ; case study|track record|reference project ; A
    現地調査 ; site survey|field survey|site visit ; A
    能力強化 ; capacity development|capacity strengthening ; A
    運転員|技術者 ; operators|technicians ; A
    啓発|住民啓発|環境教育 ; awareness raising|public awareness|environmental education ; A
    住民 ; residents|citizens|households ; A
    自治体|地方政府 ; municipality|municipal|local government|city government ; A
    州政府|省政府 ; provincial government|province ; A
    規制 ; regulation|regulations ; A
    排出基準 ; emission standard|discharge standard|effluent standard ; A
    ラベル|省エネラベル ; energy label|efficiency label|labelling ; A
    目標|削減目標 ; target|reduction target ; A
    """
}
