extension GlossaryData {
    /// Waste, water and sewage. Sources: T taxonomy.tsv, M MOEJ/JCM bilingual project titles, S the sewerage and
    /// waterworks glossaries (日本下水道協会「下水道用語集」, 日本水道協会 waterworks terms), E MOEJ white paper
    /// (English edition), A common usage (docs/matching.md).
    static let environment = """
    廃棄物|ごみ|ゴミ ; waste|refuse|garbage|rubbish|trash ; T
    一般廃棄物|都市ごみ|家庭ごみ ; municipal solid waste|MSW|household waste|household refuse|municipal waste ; T
    産業廃棄物 ; industrial waste ; E
    生ごみ|厨芥|食品残さ|食品廃棄物 ; food waste|kitchen waste|kitchen scraps|food residue ; T
    有機性廃棄物|有機ごみ ; organic waste|biodegradable waste ; T
    廃棄物処理 ; waste treatment|waste management|waste disposal ; T
    ごみ処理施設|清掃工場 ; waste treatment plant|waste facility|refuse plant ; T
    焼却|焼却処理 ; incineration|combustion of waste|burning waste ; T
    焼却炉|焼却施設|焼却プラント ; incinerator|incineration plant ; T
    ごみ発電|廃棄物発電|ごみ焼却発電 ; waste to energy|waste-to-energy|WtE|energy from waste|refuse-to-power|refuse power ; T
    ストーカ炉|ストーカ式 ; stoker|grate furnace|moving grate ; T
    流動床炉|流動床 ; fluidized bed|fluidised bed ; A
    循環流動層ボイラー ; circulating fluidized bed boiler|CFB boiler ; A
    ガス化溶融 ; gasification and melting|gasification melting ; A
    ガス化 ; gasification ; A
    排ガス処理 ; flue gas treatment|flue-gas cleaning ; A
    焼却灰|主灰|飛灰 ; incineration ash|bottom ash|fly ash ; A
    スラグ ; slag ; A
    余熱利用 ; heat utilisation|heat utilization ; A
    最終処分場|処分場|埋立地 ; landfill|disposal site|dumpsite|dump site|final disposal site ; T
    埋立 ; landfilling|landfill disposal ; T
    オープンダンプ|野積み ; open dump|open dumping ; A
    準好気性埋立|福岡方式 ; semi-aerobic landfill|Fukuoka method ; T
    浸出水|浸出水処理 ; leachate|leachate treatment ; A
    埋立ガス|処分場ガス ; landfill gas|LFG ; T
    臭気|悪臭 ; odour|odor|smell ; A
    分別|分別収集 ; separation|sorting|source separation|separate collection ; T
    収集運搬|ごみ収集 ; waste collection|collection and transport ; A
    中間処理 ; intermediate treatment ; A
    選別施設|資源化施設 ; sorting facility|material recovery facility|MRF ; T
    リサイクル|再資源化 ; recycling|resource recovery ; T
    資源循環|循環経済 ; resource circulation|circular economy ; T
    3R ; 3R|reduce reuse recycle ; T
    堆肥化|コンポスト|堆肥 ; composting|compost ; T
    メタン発酵|嫌気性消化 ; methane fermentation|anaerobic digestion ; T
    バイオガス|消化ガス ; biogas|digester gas ; T
    バイオガス発電 ; biogas power ; T
    発酵 ; fermentation ; A
    消化槽|消化タンク ; digester|digestion tank ; S
    消化 ; digestion|sludge digestion ; S
    プラスチックごみ|廃プラスチック|プラスチック ; plastic waste|waste plastic|plastic ; T
    ペットボトル|PET ; PET bottle|PET ; T
    ケミカルリサイクル ; chemical recycling ; T
    熱分解 ; pyrolysis ; T
    マテリアルリサイクル ; mechanical recycling|material recycling ; A
    家電リサイクル|電子廃棄物 ; e-waste|electronic waste|WEEE ; T
    基板|電子基板 ; circuit board|printed circuit board ; A
    貴金属回収 ; precious metal recovery ; A
    有害廃棄物 ; hazardous waste ; A
    建設廃棄物 ; construction waste|construction and demolition waste ; A
    廃食用油|使用済み食用油|廃油 ; used cooking oil|waste cooking oil|UCO ; A
    バイオディーゼル|BDF ; biodiesel|BDF ; A
    下水道 ; sewerage|sewer system|sewers ; S
    下水 ; sewage|wastewater ; S
    下水処理|下水処理場|終末処理場 ; sewage treatment|wastewater treatment|sewage treatment plant|WWTP|treatment works ; T
    排水処理|工場排水 ; effluent treatment|industrial wastewater|industrial effluent ; T
    活性汚泥 ; activated sludge ; T
    曝気|散気|散気装置 ; aeration|diffuser|air diffuser|fine bubble diffuser ; T
    送風機|ブロワ ; blower|air blower ; T
    反応タンク|反応槽 ; aeration tank|reaction tank ; S
    沈殿池 ; settling tank|sedimentation tank|clarifier ; S
    汚泥 ; sludge ; T
    下水汚泥 ; sewage sludge|biosolids ; T
    脱水|汚泥脱水 ; dewatering|sludge dewatering ; S
    脱水ケーキ|脱水汚泥 ; dewatered sludge|dewatered cake|sludge cake ; S
    汚泥燃料化|固形燃料化 ; sludge to fuel|sludge fuel|solid fuel from sludge ; T
    汚泥焼却 ; sludge incineration ; S
    汚泥減量化 ; sludge reduction ; A
    腐敗槽|浄化槽 ; septic tank ; S
    し尿|腐敗槽汚泥 ; septage|faecal sludge|fecal sludge ; S
    管きょ|下水管 ; sewer pipe|sewer ; S
    管更生 ; pipe rehabilitation|trenchless rehabilitation ; S
    膜分離活性汚泥法|MBR ; membrane bioreactor|MBR ; T
    水道|上水道 ; water supply|waterworks ; T
    上下水道 ; water and sewerage|water and wastewater ; T
    浄水|浄水場|浄水処理 ; water purification|water treatment plant|drinking water treatment ; T
    飲料水|水道水 ; drinking water|potable water|tap water ; T
    配水|配水管|配水管網 ; water distribution|distribution main|distribution network ; S
    送水 ; water transmission ; S
    取水 ; water intake|intake ; S
    漏水 ; water leakage|leak|leaks|leaking pipes ; T
    漏水探知|漏水調査 ; leak detection|leakage survey ; T
    無収水|無収水対策 ; non-revenue water|NRW|water losses ; T
    有収率 ; revenue water ratio ; S
    水道メーター ; water meter ; A
    メーター|計量器 ; meter|metering device ; A
    配水区画|ブロック化 ; district metered area|DMA ; S
    水圧管理|圧力管理 ; pressure management|pressure zoning ; S
    水道事業体|水道局 ; water utility|water authority|waterworks bureau|water company ; S
    ダクタイル鉄管|水道管 ; ductile iron pipe|water pipe ; A
    バルブ|弁 ; valve ; A
    ろ過|急速ろ過 ; filtration|rapid filtration ; S
    膜ろ過|膜処理 ; membrane filtration|membrane treatment ; T
    セラミック膜 ; ceramic membrane ; A
    逆浸透|RO膜 ; reverse osmosis|RO membrane ; T
    海水淡水化 ; desalination|seawater desalination ; T
    再生水|水の再利用|水再利用 ; recycled water|water reuse|reclaimed water|water recycling ; T
    地下水 ; groundwater ; A
    地盤沈下 ; land subsidence|subsidence ; A
    水質 ; water quality ; A
    水質計 ; water quality analyser|water quality sensor ; A
    オゾン処理 ; ozone treatment ; A
    ポンプ場 ; pumping station|pump station ; S
    雨水排水|排水路 ; stormwater drainage|drainage|drain ; S
    """
}
