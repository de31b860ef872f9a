extension GlossaryData {
    /// Energy supply, storage and grids. Sources: T taxonomy.tsv, M MOEJ/JCM bilingual project titles,
    /// P JIS C 8960 (photovoltaic terms), E MOEJ white paper (English edition), A common usage (docs/matching.md).
    static let energy = """
    再生可能エネルギー|再エネ ; renewable energy|renewables|clean energy ; T
    太陽光発電|太陽光|ソーラー発電 ; solar power|solar photovoltaic|photovoltaic|PV|solar generation ; T
    太陽光パネル|太陽電池モジュール|太陽電池パネル|ソーラーパネル ; solar panel|solar module|PV module ; P
    太陽電池 ; solar cell|photovoltaic cell ; P
    屋根置き太陽光|屋根上太陽光|屋根置き ; rooftop solar|rooftop PV|roof-mounted solar ; M
    メガソーラー|大規模太陽光発電所 ; solar farm|utility-scale solar|solar park|ground-mounted solar ; T
    水上太陽光|フロート式太陽光 ; floating solar|floating PV ; A
    パワーコンディショナ|パワコン ; power conditioner|PV inverter|solar inverter ; P
    系統連系 ; grid connection|grid-connected|grid interconnection ; P
    自家消費 ; self-consumption|on-site consumption ; M
    電力購入契約|PPA|オンサイトPPA ; power purchase agreement|PPA|offtake contract ; M
    第三者所有 ; third-party ownership ; A
    初期費用ゼロ|初期投資ゼロ ; zero upfront cost|no upfront capital|without upfront capital ; A
    発電所 ; power plant|power station|generating plant ; A
    発電 ; power generation|electricity generation|generate electricity|generating power ; A
    発電設備 ; generating equipment|generation facility ; A
    発電機 ; generator|genset ; A
    ディーゼル発電機|ディーゼル発電 ; diesel generator|diesel genset|diesel power ; A
    非常用発電機|非常用電源 ; backup generator|emergency power|backup power|standby power ; T
    停電 ; power outage|blackout|power cut ; A
    電力系統|送電網|系統 ; power grid|electricity grid|grid|transmission network ; T
    送電線 ; transmission line ; A
    配電網|配電線 ; distribution network|distribution line|distribution grid ; T
    配電 ; power distribution|electricity distribution ; T
    変圧器|トランス ; transformer ; T
    柱上変圧器 ; pole-mounted transformer ; A
    アモルファス変圧器 ; amorphous transformer|amorphous-core transformer ; M
    変電所 ; substation ; A
    開閉装置 ; switchgear ; T
    電圧調整器 ; voltage regulator ; A
    送配電損失|配電損失|送電損失|電力損失 ; grid loss|distribution loss|transmission loss|power loss|technical loss ; M
    スマートメーター ; smart meter|AMI|advanced metering ; T
    電力量計|電気メーター ; electricity meter|power meter ; A
    検針 ; meter reading ; A
    蓄電池|蓄電システム|定置用蓄電池 ; storage battery|battery storage|battery energy storage|BESS|stationary battery|battery ; T
    リチウムイオン電池 ; lithium-ion battery|lithium battery ; T
    鉛蓄電池 ; lead-acid battery ; A
    NAS電池 ; sodium-sulfur battery|NAS battery ; A
    全固体電池 ; all-solid-state battery|solid-state battery ; A
    電力貯蔵 ; energy storage|power storage ; T
    出力変動|出力の平滑化|出力平滑化 ; output fluctuation|smoothing|output smoothing ; A
    出力抑制 ; curtailment ; A
    マイクログリッド|地域マイクログリッド ; microgrid|mini-grid ; T
    独立電源|独立型電源|オフグリッド ; off-grid|stand-alone power|standalone system ; T
    未電化|無電化地域|無電化村 ; unelectrified|without electricity|off-grid village|no grid access ; A
    離島 ; remote island|island ; A
    デマンドレスポンス|需要応答 ; demand response|DR ; T
    仮想発電所|VPP ; virtual power plant|VPP ; T
    アグリゲーション|アグリゲーター ; aggregation|aggregator ; T
    ピークカット|ピークシフト|ピーク抑制 ; peak shaving|peak cut|peak shifting|peak reduction ; T
    ピーク需要|最大需要電力|デマンド ; peak demand|maximum demand ; A
    電力需要 ; electricity demand|power demand ; A
    需給調整 ; balancing|supply-demand balancing ; T
    電気料金|電気代 ; electricity bill|electricity cost|power bill|electricity tariff ; A
    燃料費 ; fuel cost ; A
    風力発電|風車 ; wind power|wind turbine|wind farm ; T
    洋上風力|洋上風力発電 ; offshore wind ; T
    浮体式洋上風力 ; floating offshore wind ; T
    小水力発電|小水力 ; small hydropower|small hydro ; T
    マイクロ水力|マイクロ水車|マイクロ水力発電 ; micro hydropower|micro hydro|micro-hydro turbine ; T
    水力発電 ; hydropower|hydroelectric power ; T
    水車 ; water turbine|turbine runner ; A
    落差 ; hydraulic head|head drop ; A
    流れ込み式 ; run-of-river ; T
    地熱発電|地熱 ; geothermal power|geothermal ; T
    地熱資源 ; geothermal resource ; A
    バイナリー発電|バイナリー発電機 ; binary cycle|binary power|organic Rankine cycle|ORC ; T
    坑井|生産井 ; geothermal well|production well|wellbore ; A
    温泉 ; hot spring ; A
    貯留層 ; geothermal reservoir ; A
    バイオマス発電|バイオマス ; biomass power|biomass ; T
    木質バイオマス|木質チップ|木くず ; woody biomass|wood chips|wood residue ; T
    木質ペレット|ペレット ; wood pellet|pellet ; A
    もみ殻|籾殻 ; rice husk|husk ; T
    もみ殻発電 ; rice husk power ; M
    バガス ; bagasse ; T
    パーム椰子殻|PKS ; palm kernel shell|PKS ; A
    パーム空果房|EFB ; empty fruit bunch|EFB ; A
    農業残さ|農業残渣 ; agricultural residue|crop residue ; A
    バイオマスボイラー ; biomass boiler ; T
    混焼 ; co-firing|cofiring ; T
    ボイラー ; boiler ; A
    蒸気タービン ; steam turbine ; A
    ガスタービン ; gas turbine ; A
    ガスエンジン ; gas engine ; T
    コージェネレーション|コジェネ|熱電併給 ; cogeneration|combined heat and power|CHP ; T
    トリジェネレーション ; trigeneration ; T
    排熱|廃熱|未利用熱 ; waste heat|exhaust heat|surplus heat|unused heat ; T
    排熱回収|廃熱回収|熱回収 ; heat recovery|waste heat recovery ; T
    低温排熱|温排水 ; low-temperature heat|warm water discharge|warm effluent ; A
    熱供給|熱源 ; heat supply|heat source ; A
    地域熱供給|地域冷暖房 ; district heating and cooling|district heating|district cooling|DHC ; T
    暖房 ; space heating|heating ; A
    石炭ストーブ ; coal stove ; A
    熱供給ボイラー|温水ボイラー ; heat-only boiler|HOB|hot water boiler ; M
    燃料電池 ; fuel cell ; T
    エネルギー効率|エネルギー効率化 ; energy efficiency ; T
    省エネ|省エネルギー ; energy saving|energy conservation|save energy ; T
    創エネ ; energy generation on site ; T
    エネルギー管理|エネマネ ; energy management ; T
    エネルギーマネジメントシステム|EMS ; energy management system|EMS ; T
    見える化|可視化 ; visualisation|visualization|dashboard ; T
    電力使用量|電力消費|消費電力 ; power consumption|electricity consumption|electricity use|energy use ; A
    ESCO|ESCO事業 ; ESCO|energy service company|energy performance contract ; A
    エネルギーサービス ; energy service ; A
    送電 ; power transmission ; A
    電化 ; electrification ; T
    電力会社|配電会社 ; utility|power company|distribution company|electricity authority ; A
    独立系発電事業者|IPP ; independent power producer|IPP ; A
    売電 ; sell electricity|electricity sales ; A
    固定価格買取制度|FIT ; feed-in tariff|FIT ; A
    """
}
