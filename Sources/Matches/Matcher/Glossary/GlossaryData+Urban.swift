extension GlossaryData {
    /// Buildings, industry, transport, ports, hydrogen, planning and nature. Sources: T taxonomy.tsv, M MOEJ/JCM
    /// bilingual project titles, E MOEJ white paper (English edition), A common usage (docs/matching.md).
    static let urban = """
    空調|空調設備|空気調和 ; air conditioning|HVAC|air conditioner ; T
    エアコン|ルームエアコン ; room air conditioner|split air conditioner|split unit ; M
    インバータエアコン|インバーターエアコン ; inverter air conditioner ; M
    冷房|冷房設備 ; cooling|space cooling ; T
    冷凍機|チラー ; chiller|refrigerating machine ; T
    ターボ冷凍機|遠心冷凍機 ; centrifugal chiller|turbo chiller|turbo refrigerator ; M
    冷水 ; chilled water ; A
    冷却塔 ; cooling tower ; A
    冷凍|冷凍設備 ; refrigeration|freezing|refrigeration system ; T
    冷凍倉庫|冷蔵倉庫|冷凍冷蔵倉庫 ; cold storage|cold store|refrigerated warehouse ; T
    コールドチェーン|低温物流 ; cold chain ; T
    物流|物流倉庫 ; logistics|warehouse ; T
    自然冷媒 ; natural refrigerant ; T
    冷媒 ; refrigerant ; T
    フロン|代替フロン|HFC ; fluorocarbon|HFC|CFC ; T
    アンモニア冷凍 ; ammonia refrigeration ; T
    CO2冷媒 ; CO2 refrigerant ; A
    ヒートポンプ ; heat pump ; T
    給湯|給湯器|給湯設備 ; water heating|water heater|hot water supply|hot water ; T
    ヒートポンプ給湯機|エコキュート ; heat pump water heater|CO2 heat pump ; T
    電気温水器 ; electric water heater ; A
    照明|照明器具 ; lighting|luminaire|lighting fixture ; T
    LED照明|LED ; LED lighting|LED|LED lamp|LED luminaire ; T
    街路灯|街灯|道路照明 ; street lighting|streetlight|street light|street lamp|road lighting ; T
    水銀灯 ; mercury lamp|mercury vapour lamp|mercury-vapour lamp|mercury vapor lamp ; A
    ナトリウム灯 ; sodium lamp|high-pressure sodium lamp|sodium-vapour lamp ; A
    調光 ; dimming ; A
    ソーラー街路灯 ; solar street light ; A
    モーター|電動機 ; motor|electric motor ; T
    高効率モーター ; high-efficiency motor|premium efficiency motor ; T
    インバータ|インバーター ; inverter|variable speed drive|VFD|variable frequency drive ; T
    ポンプ ; pump ; T
    コンプレッサー|圧縮機|空気圧縮機 ; compressor|air compressor ; T
    圧縮空気 ; compressed air ; A
    ボイラー更新|燃料転換 ; fuel switching|fuel conversion|boiler conversion ; T
    貫流ボイラー ; once-through boiler ; A
    蒸気 ; steam ; A
    重油 ; heavy oil|fuel oil ; A
    石炭 ; coal ; A
    天然ガス|都市ガス ; natural gas|city gas ; A
    LPG|液化石油ガス ; LPG|liquefied petroleum gas ; A
    建築物|建物|ビル ; building|buildings ; T
    ZEB|ネット・ゼロ・エネルギー・ビル ; ZEB|net zero energy building|net-zero-energy building ; T
    ZEH|ネット・ゼロ・エネルギー・ハウス ; ZEH|net zero energy house|net-zero-energy home ; T
    断熱|断熱材 ; insulation|thermal insulation ; T
    断熱窓|高断熱窓|複層ガラス|二重窓 ; insulated window|double glazing|insulated glazing ; T
    省エネ改修 ; energy retrofit|retrofit|energy-saving renovation ; T
    ビルオートメーション|ビル管理 ; building automation|building management ; T
    BEMS ; BEMS|building energy management system ; T
    FEMS|工場エネルギー管理 ; FEMS|factory energy management ; T
    病院 ; hospital ; A
    ホテル ; hotel ; A
    商業施設|ショッピングモール ; shopping mall|commercial facility|mall ; A
    データセンター ; data centre|data center ; A
    工場 ; factory|plant floor|manufacturing plant ; T
    工業団地 ; industrial estate|industrial park ; A
    制御|制御システム|自動制御 ; control system|controls|automatic control ; T
    監視制御|SCADA ; SCADA|supervisory control ; T
    センサー|センサ ; sensor ; T
    計測|モニタリング|監視 ; measurement|monitoring ; T
    遠隔監視 ; remote monitoring ; A
    IoT ; IoT|internet of things ; T
    データロガー ; data logger ; T
    電気自動車|EV ; electric vehicle|EV ; T
    電動車|電動化 ; electrified vehicle|electrification of vehicles|e-mobility ; T
    電気バス|EVバス ; electric bus|e-bus|battery electric bus ; T
    電動バイク|電動二輪|電動二輪車 ; electric motorcycle|e-motorcycle|electric scooter|e-scooter|electric motorbike ; T
    電動三輪|電動トライシクル ; electric tricycle|e-trike|electric three-wheeler ; T
    バイク|二輪車|オートバイ ; motorcycle|motorbike|two-wheeler ; A
    充電器|充電設備|充電インフラ ; charger|charging station|charging infrastructure|EV charger ; T
    急速充電 ; fast charging|rapid charging|quick charging ; T
    バッテリー交換|交換式バッテリー ; battery swapping|battery swap|swappable battery ; T
    V2H|V2G|V2B ; V2H|V2G|vehicle to home|vehicle to grid|vehicle-to-building ; T
    公共交通 ; public transport|public transportation|transit ; T
    バス ; bus|buses ; A
    BRT|バス高速輸送システム ; BRT|bus rapid transit|busway ; T
    鉄道|都市鉄道 ; railway|urban rail|rail ; A
    交通信号|信号機|信号|信号制御 ; traffic signal|traffic light|signal control ; T
    交通管制|交通管理 ; traffic control|traffic management ; T
    渋滞|交通渋滞 ; congestion|traffic congestion|traffic jam ; T
    ITS|高度道路交通システム ; ITS|intelligent transport system ; T
    シェアサイクル|自転車シェアリング ; bike sharing|bicycle sharing|shared bicycle|bike share ; A
    電動アシスト自転車 ; electric-assist bicycle|e-bike|electric bicycle ; A
    モーダルシフト ; modal shift ; T
    港湾|港 ; port|harbour|harbor ; T
    カーボンニュートラルポート|CNP ; carbon neutral port|CNP ; T
    陸上電力供給|陸電 ; shore power|onshore power supply|cold ironing ; T
    荷役機械|クレーン|ガントリークレーン ; cargo handling equipment|crane|gantry crane|RTG ; T
    コンテナターミナル ; container terminal ; A
    船舶 ; ship|vessel ; T
    持続可能な航空燃料|SAF ; sustainable aviation fuel|SAF ; T
    水素 ; hydrogen ; T
    水電解|水の電気分解 ; electrolysis|water electrolysis|electrolyser|electrolyzer ; T
    グリーン水素 ; green hydrogen ; T
    水素ステーション ; hydrogen station|hydrogen refuelling station ; T
    アンモニア ; ammonia ; T
    合成燃料|e-fuel ; synthetic fuel|e-fuel ; T
    メタネーション ; methanation ; T
    CO2回収|二酸化炭素回収 ; carbon capture|CO2 capture ; T
    CCUS|CCS|CCU ; CCUS|CCS|CCU|carbon capture utilisation and storage ; T
    カーボンリサイクル ; carbon recycling ; T
    二酸化炭素|CO2 ; carbon dioxide|CO2 ; E
    温室効果ガス|GHG ; greenhouse gas|GHG ; E
    メタン ; methane ; A
    排出量|排出 ; emissions|emission ; E
    排出量算定|温室効果ガス算定|排出量の算定 ; emissions accounting|carbon accounting|GHG accounting|emission calculation ; T
    インベントリ|排出インベントリ ; inventory|GHG inventory|emissions inventory ; T
    MRV|測定・報告・検証 ; MRV|measurement reporting and verification ; T
    削減量 ; emission reduction|reductions ; E
    二国間クレジット|JCM|二国間クレジット制度 ; JCM|Joint Crediting Mechanism|bilateral credit ; T
    カーボンクレジット|クレジット ; carbon credit|credits ; T
    オフセット ; offset ; T
    脱炭素|脱炭素化 ; decarbonization|decarbonisation|decarbonize ; E
    カーボンニュートラル|ゼロカーボン|ネットゼロ ; carbon neutral|carbon neutrality|net zero|zero carbon ; E
    気候変動 ; climate change ; E
    気候変動計画|気候変動マスタープラン|行動計画 ; climate action plan|climate change master plan|action plan ; T
    脱炭素計画|ロードマップ ; decarbonization plan|roadmap ; T
    マスタープラン|基本計画 ; master plan ; T
    政策立案|政策 ; policy|policy making ; T
    事業化調査|実現可能性調査|FS ; feasibility study ; T
    コンサルティング ; consulting|advisory ; T
    スマートシティ ; smart city ; T
    まちづくり|都市開発|街区開発 ; urban development|district development|town development ; T
    再開発 ; redevelopment|urban redevelopment ; T
    公共交通指向型開発|TOD ; transit-oriented development|TOD ; T
    新都市|ニュータウン ; new town|new city ; A
    防災 ; disaster prevention|disaster risk reduction ; T
    レジリエンス|強靱化 ; resilience ; T
    洪水|浸水 ; flood|flooding|inundation ; T
    早期警報 ; early warning ; A
    水位 ; water level ; A
    高潮 ; storm surge ; A
    ブルーカーボン ; blue carbon ; T
    マングローブ ; mangrove ; T
    藻場|海草|海藻 ; seagrass|seaweed ; T
    沿岸 ; coastal|coast ; A
    森林 ; forest ; T
    植林|再植林|森林再生 ; reforestation|afforestation|replanting|tree planting ; T
    森林減少 ; deforestation|forest loss ; A
    REDD+ ; REDD+ ; A
    農業 ; agriculture|farming ; T
    水田|稲作 ; rice paddy|paddy field|rice farming ; T
    間断かんがい|中干し|AWD ; alternate wetting and drying|AWD|intermittent irrigation ; A
    かんがい|灌漑 ; irrigation ; T
    衛星画像|衛星データ ; satellite image|satellite imagery|satellite data ; A
    航空測量|航空レーザー ; aerial survey|airborne lidar ; A
    地理情報システム|GIS ; GIS|geographic information system ; A
    大気汚染 ; air pollution ; E
    """
}

/// The glossary's lines, all domains (Glossary reads them; MatchWeights.fingerprint hashes them).
enum GlossaryData {
    static let all = energy + "\n" + environment + "\n" + urban + "\n" + general + "\n" + practice + "\n" + function + "\n" + profile + "\n" + standard + "\n" + bridge
}
