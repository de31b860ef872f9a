extension GlossaryData {
    /// What a plant or a service does, as its definition says it, joined to the sense that names it: a city writes
    /// what it wants done ("store electricity", "compressed air", 水素をつくり) where a profile names the equipment
    /// (蓄電池, compressor, 水電解). Each line repeats one variant of the sense it describes, so it joins that sense
    /// (lines that share a variant are one sense). Source D: the definitions of the concept in the taxonomy's own
    /// descriptions and in public glossaries and handbooks (ECCJ's energy-conservation handbooks, JIS terms, the
    /// IPCC glossary), as commonly cited; written by hand from what the equipment does, not from any need or
    /// profile of the evaluation set (docs/matching.md). A Japanese verb phrase is written without its ending
    /// (電気をため, 水素をつく), as English is matched on inflection stems, so ためる, ためて, ためておき all meet it;
    /// English lists the inflections its stems do not join ("produce" and "producing", "heat" and "heating").
    /// The ninth round covered every technology of the taxonomy, each line naming its function, not a generic aim
    /// (no "reduce energy", 削減, 効率化). A line repeats exactly one variant of another part's sense and shares no
    /// variant with a second one, which would merge the two ("chill water" has the stems of "chilled water", 冷水):
    /// FunctionGlossaryTests holds it.
    static let function = """
    # Supply and storage
    蓄電池|電気をため|電力をため|電気を蓄え|電力を貯蔵 ; storage battery|store electricity|storing electricity|stored electricity ; D
    太陽光発電|太陽光で発電 ; solar power|electricity from sunlight|power from sunlight|sunlight into electricity ; D
    小水力|水の流れで発電|水流で発電 ; small hydro|power from flowing water|electricity from flowing water ; D
    コージェネレーション|電気と熱を同時 ; cogeneration|heat and power from one fuel|electricity and heat from one fuel ; D
    排熱回収|熱を回収|排熱を利用 ; heat recovery|recover heat|recovering heat|reuse waste heat|reusing heat ; D
    地域冷暖房|熱導管 ; district heating and cooling|heat network|heating network|cooling network|district energy network ; D
    # Equipment in buildings and factories
    空気圧縮機|圧縮空気 ; air compressor|compressed air ; D
    インバータ|回転数制御 ; inverter|speed control|motor speed control|variable-speed drive ; D
    スマートメーター|自動検針|遠隔検針 ; smart meter|automatic meter reading|remote meter reading|AMR ; D
    エネルギーマネジメントシステム|エネルギー使用量の見える化 ; energy management system|energy monitoring|monitor energy use|monitoring energy use|track energy use ; D
    # Hydrogen, waste and water
    水素製造|水素をつく|水素を作|水素を製造 ; hydrogen production|make hydrogen|making hydrogen|hydrogen from electricity|power-to-gas|power to gas ; D
    埋立ガス|埋立地のメタン ; landfill gas|methane from landfill|gas from landfill|landfill methane ; D
    メタン発酵|バイオガス化 ; anaerobic digestion|methane from organic waste|gas from manure|biogas from waste ; D
    海水淡水化|海水から真水|海水から淡水 ; desalination|fresh water from seawater|drinking water from seawater|removing salt from seawater ; D
    堆肥化|有機物を堆肥に ; composting|organic waste into compost|turning waste into compost ; D
    # Supply: what a plant generates, and from what
    太陽光発電|太陽の光で発電|太陽光を電気に|太陽の光を電気に ; solar power|electricity from the sun|power from the sun|convert sunlight|converts sunlight|converting sunlight ; D
    パネル清掃|パネルを清掃|パネルの汚れを落と|パネルを洗浄 ; panel cleaning|clean the panels|cleaning the panels|clean solar panels|cleaning solar panels|remove dust from panels|removing dust from panels ; D
    風力発電|風で発電|風の力で発電|風力で発電 ; wind power|electricity from wind|electricity from the wind|power from the wind|power from wind ; D
    小水力|川の流れで発電|水路で発電|用水路で発電|落差を利用して発電|落差で発電|管路で発電|水道管で発電 ; small hydro|power from rivers|power from streams|electricity from streams|electricity from rivers|power from irrigation canals|energy from water pipes ; D
    地熱|地下の熱で発電|地下の熱を利用|地球の熱 ; geothermal|heat from underground|heat from deep underground|heat of the earth|heat from the earth ; D
    地中熱|地中の熱 ; ground source heat pump|heat from the ground|heat of the ground ; D
    バイナリー発電|温泉の熱で発電|温泉熱で発電|低温の熱で発電 ; binary cycle|power from hot springs|electricity from hot springs|power from low-temperature heat ; D
    バイオマス発電|木くずを燃やして発電|木材を燃やして発電|木を燃やして発電 ; biomass power|electricity from biomass|power from wood|electricity from wood|burning wood for power ; D
    バイオマスボイラー|薪ボイラー|チップボイラー ; biomass boiler|wood-fired boiler|boiler fired with wood|boilers fired with wood ; D
    メタン発酵|生ごみからガス|ふん尿からガス|有機物を発酵させてガス ; anaerobic digestion|gas from food waste|biogas from food waste|methane from manure|energy from manure|digest organic waste|digesting organic waste ; D
    バイオガス発電|バイオガスで発電|消化ガスで発電 ; biogas power|electricity from biogas|power from biogas ; D
    排熱回収|熱を捨て|熱が捨てられ|排熱を再利用|熱を再利用|余った熱を利用 ; heat recovery|wasted heat|heat that is wasted|capture waste heat|capturing waste heat|use waste heat|using waste heat ; D
    コージェネレーション|熱と電気を同時|発電と同時に熱|発電時の熱を利用 ; cogeneration|electricity and heat at the same time|power and heat together|heat from generating electricity|use the heat from power generation ; D
    # Storage and grids
    蓄電池|電気を貯め|電気を溜め|電力を貯め|電力を蓄え|充放電 ; storage battery|store surplus electricity|store excess electricity|charge and discharge|charging and discharging ; D
    電力貯蔵|エネルギーを貯め|エネルギーをため|エネルギーを蓄え ; energy storage|store energy|storing energy|store power|storing power ; D
    出力平滑化|出力の変動を抑え|出力変動を抑え|変動をならす ; output smoothing|smooth output|smooth the output|even out fluctuations|evening out fluctuations ; D
    ピークカット|ピークを抑え|ピーク電力を抑え|最大需要電力を抑え|負荷平準化 ; peak shaving|cut the peak|cutting the peak|lower peak demand|lowering peak demand|reduce peak demand|reducing peak demand|flatten the peak|shift load|shifting load|load levelling|load leveling ; D
    デマンドレスポンス|需要を調整|需要側で調整|節電要請 ; demand response|adjust demand|adjusting demand|shift demand|shifting demand ; D
    仮想発電所|分散電源を束ね|分散型電源を束ね ; virtual power plant|aggregate distributed energy|aggregating distributed energy|pool distributed resources|pooling distributed resources ; D
    マイクログリッド|電力を融通|電気を融通|地域内で電気を供給 ; microgrid|local power network|small local grid|share power between buildings|sharing power between buildings ; D
    独立電源|系統につながっていな|系統に接続されていな|送電網が届かな|電線が届かな ; off-grid|not connected to the grid|no connection to the grid|beyond the grid|far from the grid ; D
    系統連系|系統につな|送電網につな|電力網に接続 ; grid connection|connect to the grid|connecting to the grid|feed into the grid|feeding into the grid ; D
    非常用電源|停電時の電源|停電時も電気|停電時にも電気|停電しても電気 ; backup power|power during outages|power during blackouts|keep running during outages|keep running during blackouts ; D
    変圧器|電圧を変換|電圧を下げ|電圧を上げ ; transformer|step down voltage|step up voltage|steps down voltage|steps up voltage|change the voltage ; D
    送配電損失|送電中に失われ|配電中に失われ|送電の途中で失われ|電線で失われ ; grid loss|electricity lost in the lines|power lost in transmission|electricity lost in transmission|lost in the wires|losses in the network ; D
    スマートメーター|メーターを遠隔で|遠隔で計量 ; smart meter|read meters remotely|reading meters remotely|meters read remotely ; D
    力率改善|進相コンデンサ|無効電力を補償 ; power factor correction|capacitor bank|compensate reactive power|reactive power compensation ; D
    パワーコンディショナ|直流を交流に|直流を交流 ; power conditioner|convert DC to AC|converting DC to AC|DC to AC ; D
    需給調整|需要と供給を一致|需給のバランス|電力の需給を調整 ; balancing|match supply and demand|matching supply and demand|balance supply and demand|balancing supply and demand ; D
    自家消費|発電した電気を自ら|自ら消費|施設内で消費 ; self-consumption|use the electricity on site|using the electricity on site|consume the power it produces ; D
    売電|電気を売|電力を売|余った電気を売 ; sell electricity|sell power|selling power|sell surplus power|selling surplus power|export electricity|exporting electricity ; D
    出力抑制|出力を抑え ; curtailment|curtail output|curtailing output|curtailed output ; D
    電力購入契約|発電した電気を購入|電気を買い取る契約 ; power purchase agreement|pay for the electricity produced|pay only for the electricity|buy the power it produces ; D
    # Energy management, sensors and controls
    エネルギーマネジメントシステム|エネルギーの使用状況を把握|電力の使用状況を把握|エネルギーを一元管理 ; energy management system|see where energy is used|track electricity use|tracking electricity use|monitor electricity use|monitoring electricity use|energy dashboard ; D
    BEMS|ビルのエネルギーを管理|建物のエネルギーを管理 ; BEMS|building energy monitoring|manage energy in buildings|managing energy in buildings ; D
    FEMS|工場のエネルギーを管理|工場のエネルギーを見える化 ; FEMS|factory energy monitoring|monitor energy in factories|monitoring energy in factories ; D
    省エネ診断|エネルギーの無駄を洗い出|エネルギーの無駄を見つけ|省エネの余地を調べ|省エネ余地 ; energy audit|find energy waste|finding energy waste|identify energy waste|identifying energy waste|where energy is wasted ; D
    センサー|温度を測|温度を計測|流量を測|流量を計測 ; sensor|measure temperature|measuring temperature|measure flow|measuring flow ; D
    データロガー|データを自動で記録|自動で記録 ; data logger|record data automatically|recording data automatically|log data|logging data ; D
    遠隔監視|離れた場所から監視|遠隔で監視|現地に行かずに|現場に行かずに|遠隔で確認 ; remote monitoring|monitor from a distance|monitoring from a distance|without going to the site|without visiting the site ; D
    監視制御|中央で監視|集中監視|一か所で監視 ; SCADA|central monitoring|centralised monitoring|centralized monitoring|monitor from a control room|monitoring from a control room ; D
    自動制御|自動で調整|自動で最適化 ; automatic control|adjust automatically|adjusts automatically|adjusting automatically|adjusted automatically ; D
    予防保全|故障を予知|故障を予測|故障する前に|故障の前に|異常を早期に検知|異常を早く見つけ ; predictive maintenance|before it breaks|before they break|predict failures|predicting failures|detect faults early|detecting faults early|early fault detection ; D
    # Heating, cooling and hot water
    蓄熱|熱をため|熱を蓄え|冷熱をため|夜間に氷をつく ; thermal storage|store heat|storing heat|store cold|storing cold|make ice at night|making ice at night ; D
    太陽熱|太陽の熱でお湯|太陽熱でお湯 ; solar water heater|heat water with the sun|heating water with the sun|hot water from the sun ; D
    換気|空気を入れ替え|外気を取り入れ ; ventilation|bring in fresh air|bringing in fresh air|exchange the air ; D
    製氷|氷をつく|氷を作 ; ice making|make ice|making ice|produce ice|producing ice ; D
    冷凍倉庫|冷凍して保管|冷凍保管 ; cold storage|store frozen|storing frozen|frozen storage|keep produce frozen ; D
    かまど|薪の使用を減ら|煙の少ないかまど ; cookstove|cook with less wood|cooking with less wood|cook with less firewood|smokeless stove ; D
    冷凍機|冷水をつく|冷水を作|冷水を製造|冷水を供給|冷水製造|冷水供給 ; chiller|produce chilled water|producing chilled water|produces chilled water|make chilled water|making chilled water|supply chilled water|supplying chilled water ; D
    冷房|部屋を冷や|室内を冷や|建物を冷や|室温を下げ ; space cooling|cool rooms|cooling rooms|cool the rooms|cool buildings|cooling buildings|keep rooms cool|keep buildings cool ; D
    暖房|部屋を暖め|室内を暖め|建物を暖め ; space heating|heat rooms|heating rooms|heat buildings|heating buildings|keep buildings warm|keep rooms warm ; D
    ボイラー|蒸気をつく|蒸気を作|蒸気を発生|蒸気を供給|蒸気発生|蒸気供給 ; boiler|raise steam|raising steam|produce steam|producing steam|make steam|making steam|generate steam|generating steam|supply steam|supplying steam ; D
    給湯|お湯を沸か|湯を沸か|お湯をつく|お湯を作|温水をつく|温水を作|温水製造|温水供給|湯沸かし ; water heating|heat water|heating water|produce hot water|producing hot water|make hot water|making hot water|supply hot water|supplying hot water ; D
    ヒートポンプ|空気の熱を利用|空気中の熱|大気の熱 ; heat pump|heat from the air|heat from outside air|move heat|moving heat|pump heat|pumping heat ; D
    冷却塔|冷却水を冷や ; cooling tower|reject heat|rejecting heat|heat rejection ; D
    断熱|熱が逃げ|熱を逃が|熱の出入りを抑え|熱を通しにく ; insulation|keep heat in|keeps heat in|keep the heat in|stop heat escaping|heat loss through walls|heat loss through windows|keep heat out|keep the heat out ; D
    遮熱|日射の熱を反射|太陽の熱を反射|屋根の温度を下げ ; heat shielding|reflect sunlight|reflects sunlight|reflecting sunlight|reflect solar heat|reflecting solar heat ; D
    日射遮蔽|日差しを遮|直射日光を遮 ; shading|block sunlight|blocks sunlight|blocking sunlight|shade the windows|shading the windows ; D
    全熱交換器|換気で失う熱を回収|排気の熱を回収|換気しながら熱を回収 ; energy recovery ventilator|recover heat from exhaust air|recovering heat from exhaust air|fresh air without losing heat ; D
    熱交換器|熱を移|熱をやり取り|熱を受け渡 ; heat exchanger|transfer heat|transferring heat|transfers heat ; D
    地域冷暖房|複数の建物に熱を供給|複数の建物に冷水|複数の建物を冷暖房 ; district heating and cooling|heat for many buildings|supply heat to several buildings|cooling for several buildings|heating for several buildings|cooling for a whole district|heating for a whole district ; D
    # Lighting
    LED照明|電球を交換|電球を取り替え|照明器具を交換|蛍光灯を交換|水銀灯を交換 ; LED lighting|replace bulbs|replacing bulbs|replace lamps|replacing lamps|change the bulbs|replace fluorescent tubes|replacing fluorescent tubes ; D
    街路灯|道路を照ら|夜道を照ら|通りを照ら ; street lighting|light the streets|lighting the streets|light streets|lighting streets ; D
    調光|明るさを調整|明るさを自動で|明るさを落と ; dimming|adjust brightness|adjusting brightness|dim the lights|dims the lights|lower the brightness ; D
    人感センサー|人がいないときは消|人がいない時は消|不在時に消灯|人を検知して点灯 ; occupancy sensor|switch off when empty|turn off when nobody is there|lights off in empty rooms|detect occupancy|detects occupancy|detecting occupancy ; D
    # Motors, pumps, compressors, steam
    インバータ|回転数を制御|回転数を変え|回転数を調整|回転数を下げ|回転数を落と|回転速度を制御|回転速度を変え|バルブ制御|ダンパ制御|ダンパー制御|弁で絞|バルブで絞 ; inverter|vary motor speed|varying motor speed|adjust motor speed|adjusting motor speed|slow the motor|slow the motors|match motor speed to demand|throttling|throttling valve|throttling valves|valve throttling|damper control|flow control by valves ; D
    揚水|水をくみ上げ|水を汲み上げ|水をポンプで ; water pumping|pump water|pumping water|lift water|lifting water ; D
    空気圧縮機|空気を圧縮|エア漏れ|空気漏れ ; air compressor|air leak|air leaks|leaking air ; D
    曝気|空気を吹き込|微生物に酸素|溶存酸素|曝気量を制御|送風量を制御 ; aeration|oxygen for the bacteria|bubble air|dissolved oxygen|control aeration|controlling aeration|aeration control ; D
    蒸気トラップ|蒸気漏れ|蒸気が漏れ ; steam trap|steam leak|steam leaks|leaking steam|steam losses ; D
    ドレン回収|凝縮水を回収|ドレンを回収 ; condensate recovery|recover condensate|recovering condensate|return condensate|returning condensate ; D
    保温|配管の熱損失|配管からの放熱|裸配管 ; pipe insulation|bare pipes|uninsulated pipes|heat loss from pipes|insulate pipes|insulating pipes ; D
    燃焼効率|燃焼を改善|燃焼を最適化|空気比を調整 ; combustion efficiency|optimise combustion|optimize combustion|optimising combustion|optimizing combustion|tune burners|tuning burners ; D
    乾燥|水分を蒸発|水分を飛ば|熱で乾か ; drying|evaporate moisture|evaporating moisture|dry with heat|remove moisture|removing moisture ; D
    # Buildings
    ZEB|エネルギー収支をゼロ|エネルギー収支ゼロ ; ZEB|as much energy as it uses|as much energy as they use|as much energy as it consumes ; D
    省エネ改修|既存建物の改修|既存の建物を改修|既存ビルの改修 ; energy retrofit|upgrade existing buildings|upgrading existing buildings|renovate existing buildings|renovating existing buildings|retrofit existing buildings|retrofitting existing buildings ; D
    屋上緑化|屋上を緑化|屋根に植物|屋上に植物 ; green roof|plants on the roof|plants on roofs|vegetation on roofs ; D
    # Industry
    ボイラー更新|重油からガスに|石炭からガスに|燃料を切り替|燃料をガスに|ガスに切り替 ; fuel switching|switch fuels|switching fuels|switch from coal|switching from coal|switch from oil|switching from oil|replace heavy oil|replacing heavy oil|replace coal|replacing coal ; D
    電化|電気に置き換え|電気に切り替|電動に切り替|電気式に ; electrification|switch to electric|switching to electric|replace with electric|replacing with electric ; D
    CO2回収|二酸化炭素を回収|二酸化炭素を分離|炭素を回収 ; carbon capture|capture carbon dioxide|capturing carbon dioxide|capture CO2|capturing CO2|remove CO2 from flue gas ; D
    CCUS|二酸化炭素を地中に|地中に貯留|地下に貯留 ; CCUS|store CO2 underground|storing CO2 underground|inject CO2 underground|injecting CO2 underground ; D
    カーボンリサイクル|二酸化炭素を原料|二酸化炭素を資源 ; carbon recycling|use CO2 as a feedstock|turn CO2 into|turning CO2 into|CO2 into fuel ; D
    メタネーション|二酸化炭素と水素からメタン|水素と二酸化炭素からメタン ; methanation|methane from hydrogen and CO2|synthetic methane|e-methane ; D
    合成燃料|水素と二酸化炭素から燃料|二酸化炭素から燃料 ; synthetic fuel|fuel from hydrogen and CO2|fuels from hydrogen and CO2 ; D
    混焼|石炭と一緒に燃や|石炭に混ぜて燃や ; co-firing|burn with coal|burned with coal|burning with coal|burned together with coal ; D
    電気炉|電炉|鉄スクラップを溶か ; electric arc furnace|EAF|melt scrap steel|melting scrap steel|melt scrap|melting scrap ; D
    冷媒|冷媒漏れ|冷媒の漏えい|冷媒の漏洩|冷媒が漏れ|フロン漏えい|フロンの漏えい|フロンを回収|フロンを破壊 ; refrigerant|refrigerant leak|refrigerant leaks|refrigerant leakage|recover refrigerant|recovering refrigerant|destroy fluorocarbons|destroying fluorocarbons ; D
    # Waste
    医療廃棄物|医療ごみを処理|感染性廃棄物を処理 ; medical waste|treat hospital waste|treating hospital waste|sterilise medical waste|sterilize medical waste ; D
    海洋プラスチック|海に流れ込むごみ|海に流れ出るプラスチック ; marine plastic|plastic entering the sea|waste flowing into the sea|plastic washed into the sea ; D
    不法投棄|ごみを勝手に捨て|空き地にごみを捨て ; illegal dumping|dumped illegally|dumping illegally|dump illegally ; D
    焼却|ごみを燃や|廃棄物を燃や|ごみを焼|燃やして処理|焼いて処理 ; incineration|burn garbage|burning garbage|burn rubbish|burning rubbish|burn refuse|burning refuse|burn trash|burning trash|burn waste ; D
    野焼き|屋外で燃や|野外で燃や|路上で燃や ; open burning|burned in the open|burning in the open|burnt in the open ; D
    ごみ発電|ごみを燃やして発電|ごみの焼却熱で発電|焼却熱で発電|ごみで発電 ; waste to energy|electricity from waste|power from waste|electricity from garbage|power from garbage|electricity from rubbish|generate electricity from waste|generating electricity from waste|turn waste into energy|turning waste into energy|waste into electricity ; D
    熱分解|酸素を遮断して加熱|無酸素で加熱|蒸し焼き ; pyrolysis|heat without oxygen|heating without oxygen|heated without oxygen|in the absence of oxygen ; D
    ガス化|燃料をガスに変え|ごみをガスに ; gasification|convert into syngas|converting into syngas|syngas ; D
    炭化|炭にす|炭に変え|炭化させ ; carbonization|turn into charcoal|turning into charcoal|make charcoal|making charcoal ; D
    堆肥化|生ごみを堆肥|生ごみを肥料|肥料に変え|肥料にす|堆肥をつく|堆肥を作|肥料化 ; composting|into fertilizer|into fertiliser|make compost|making compost|produce compost|producing compost ; D
    リサイクル|資源として再利用|資源に戻|原料として再利用|再び原料に ; recycling|reuse materials|reusing materials|back into raw materials|turn waste into raw materials ; D
    分別|ごみを分け ; sorting|separate waste|separating waste|sort waste|sorting waste|segregate waste|segregating waste|waste segregation ; D
    選別施設|資源ごみを選別|機械で選別 ; MRF|sort recyclables|sorting recyclables|separate recyclables|separating recyclables ; D
    ケミカルリサイクル|プラスチックを油に|廃プラを油|プラスチックから油 ; chemical recycling|plastic into oil|plastics into oil|plastic into fuel|plastics into fuel|plastic to oil ; D
    最終処分場|ごみを埋め|埋めて処分|埋め立てて処分 ; landfill|bury waste|burying waste|buried waste|where waste is dumped ; D
    準好気性埋立|埋立地に空気を|空気を取り入れて分解 ; semi-aerobic landfill|air into the landfill|air through the waste ; D
    埋立ガス|埋立地からのガス|処分場から出るガス|ごみから発生するメタン ; landfill gas|gas from dumpsites|methane from dumpsites|gas from the dumpsite|methane from the dump ; D
    浸出水|埋立地から出る汚水|埋立地の汚水|しみ出る汚水 ; leachate|polluted water from landfill|dirty water from landfill|water seeping from the landfill ; D
    収集運搬|ごみを集め|ごみを回収|ごみを収集 ; waste collection|collect garbage|collecting garbage|collect waste|collecting waste|garbage collection|collect rubbish|collecting rubbish|pick up waste|picking up waste ; D
    バイオディーゼル|使用済みの油から燃料|廃油から燃料|廃食用油から燃料 ; biodiesel|fuel from used cooking oil|diesel from cooking oil|fuel from waste oil ; D
    貴金属回収|金属を回収|金や銀を回収 ; precious metal recovery|recover metals|recovering metals|extract metals|extracting metals ; D
    # Water supply
    水質計|水質を監視|水質を測|水質を常時監視 ; water quality sensor|monitor water quality|monitoring water quality|measure water quality|measuring water quality ; D
    水位|水位を監視|水位を測 ; water level|monitor water levels|monitoring water levels|measure water levels|measuring water levels ; D
    水不足|水が足りな ; water shortage|not enough water|run out of water|running out of water|runs out of water ; D
    給水制限|水が出な|蛇口から水が出 ; intermittent supply|taps run dry|no water from the taps ; D
    浄水|水を浄化|飲める水|安全な飲み水|飲み水をつく ; water purification|make water safe to drink|safe drinking water|purify water|purifying water|purifies water ; D
    漏水|水が漏れ|水漏れ|漏れている水 ; water leakage|leaking water|water lost through leaks|leaks in pipes ; D
    無収水|料金を取れない水|請求されない水|水が失われ ; non-revenue water|water that is not billed|unbilled water|unaccounted-for water|unaccounted for water|water lost ; D
    漏水探知|漏れを見つけ|漏水箇所を特定|漏水を発見|漏水を見つけ|漏水検知|漏水検出 ; leak detection|find leaks|finding leaks|locate leaks|locating leaks|detect leaks|detecting leaks|pinpoint leaks ; D
    水圧管理|水圧を調整|水圧を下げ|減圧弁 ; pressure management|regulate pressure|regulating pressure|pressure reducing valve|pressure-reducing valve ; D
    配水区画|配水区域を分け|配水区域に分け ; district metered area|divide the network into zones|dividing the network into zones|split the network into zones ; D
    加圧ポンプ|水圧を上げ|高台に水を送|高い階まで水を送 ; booster pump|raise water pressure|raising water pressure ; D
    管更生|掘らずに管を補修|掘削せずに|非開削|管の内側から補修 ; pipe rehabilitation|without digging|repair pipes without digging|line old pipes|lining old pipes|relining pipes|pipe lining|trenchless ; D
    管路診断|管の劣化を調べ|管の状態を調べ|配管の劣化を診断 ; pipe condition assessment|check pipe condition|assess pipe condition|inspect pipes|inspecting pipes ; D
    老朽管更新|古い管を取り替え|古い水道管を交換|古い管を交換 ; pipe replacement|replace old pipes|replacing old pipes|replace aging pipes|replacing ageing pipes ; D
    消毒|塩素を注入|塩素を入れ|細菌を殺|殺菌 ; disinfection|kill bacteria|killing bacteria|kill germs|killing germs|add chlorine|adding chlorine|dose chlorine|dosing chlorine ; D
    膜ろ過|膜でろ過|膜で濾過|膜でこし ; membrane filtration|filter through membranes|filtering through membranes ; D
    海水淡水化|塩分を除去|塩分を取り除 ; desalination|remove salt|removing salt|turn seawater into drinking water|turning seawater into drinking water ; D
    再生水|処理水を再利用|下水を再利用|排水を再利用|水を再利用 ; water reuse|reuse treated wastewater|reusing treated wastewater|reuse treated water|reusing treated water|reuse wastewater|reusing wastewater ; D
    雨水利用|雨水をため|雨水を貯め|雨水を集め|雨水を溜め ; rainwater harvesting|collect rainwater|collecting rainwater|store rainwater|storing rainwater|capture rainwater|capturing rainwater ; D
    # Sewage and drainage
    下水処理|下水を処理|下水をきれいに|汚水を処理|汚水をきれいに|生活排水を処理|汚水処理 ; sewage treatment|treat sewage|treating sewage|clean sewage|cleaning sewage|treat wastewater|treating wastewater ; D
    汚泥燃料化|汚泥を燃料|汚泥から燃料|汚泥を乾燥させて燃料 ; sludge to fuel|turn sludge into fuel|turning sludge into fuel|fuel from sewage sludge|sludge into fuel ; D
    消化|汚泥からガス|汚泥からメタン|汚泥を発酵 ; sludge digestion|biogas from sludge|gas from sludge|methane from sludge|digest sludge|digesting sludge ; D
    汚泥減量化|汚泥を減ら|汚泥の量を減ら|汚泥の発生量を減ら|汚泥減容 ; sludge reduction|reduce sludge|reducing sludge|less sludge|cut sludge volume ; D
    脱水|水分を搾|水を搾|水を絞り|水分を絞 ; dewatering|squeeze water out|squeezing water out|press water out|pressing water out|remove water from sludge ; D
    合併処理浄化槽|各家庭で汚水を処理|家庭ごとに処理|戸別に処理 ; johkasou|treat wastewater at each house|household wastewater treatment ; D
    汲み取り|浄化槽の汚泥を抜|腐敗槽を清掃|汚泥を汲み取 ; desludging|empty septic tanks|emptying septic tanks|pump out septic tanks|pumping out septic tanks ; D
    雨水排水|雨水を排水|雨水を排除|雨水をはけ|雨水排除 ; stormwater drainage|drain rainwater|draining rainwater|drain floodwater|draining floodwater|pump out floodwater|pumping out floodwater ; D
    内水氾濫|道路が冠水|道路が水没|街が浸水 ; urban flooding|flooded streets|streets flood|roads flood|flooded roads ; D
    下水道|汚水を集め|下水を集め|汚水を運 ; sewerage|collect sewage|collecting sewage|carry sewage|carrying sewage ; D
    臭気|臭いを抑え|においを抑え|脱臭 ; odour|deodorisation|deodorization|odour control|odor control|remove odours|removing odours|remove odors|removing odors ; D
    # Transport
    電気自動車|電気で走|バッテリーで走 ; electric vehicle|run on batteries|running on batteries|vehicles powered by electricity ; D
    電気バス|バスを電動化|ディーゼルバスを置き換え|ディーゼルバスを更新 ; electric bus|electrify buses|electrifying buses|electrify the bus fleet|replace diesel buses|replacing diesel buses ; D
    電動バイク|バイクを電動化|二輪を電動化 ; electric motorcycle|electrify motorcycles|electrifying motorcycles|replace petrol motorcycles|replacing petrol motorcycles ; D
    充電器|充電スポット|充電できる場所|充電する場所 ; charger|charging point|charging points|places to charge|charge electric vehicles|charging electric vehicles ; D
    バッテリー交換|充電済みの電池と交換|充電済みのバッテリーと交換 ; battery swapping|swap batteries|swapping batteries ; D
    V2H|車から家に給電|車両から給電|電気自動車から給電 ; V2H|vehicle as a power source|vehicles as a power source|power homes from vehicles ; D
    モーダルシフト|自家用車から公共交通|マイカーから公共交通|公共交通の利用を促 ; modal shift|shift from private cars|shifting from private cars|from cars to public transport|get people out of cars|getting people out of cars ; D
    BRT|バス専用レーン|バス専用道 ; BRT|dedicated bus lanes|dedicated bus lane|bus lanes|bus-only lanes ; D
    信号制御|信号を調整|信号のタイミング|信号を最適化|交通量に応じて信号 ; signal control|optimise signal timing|optimize signal timing|signal timing|adaptive signal|adaptive traffic signals|coordinated signals ; D
    渋滞|車が動かな|道路が混雑|渋滞を解消|渋滞を緩和 ; congestion|gridlock|stuck in traffic ; D
    交通管理|交通の流れを管理|交通の流れを制御 ; traffic management|manage traffic flow|managing traffic flow|control traffic flow|traffic flow control ; D
    運行管理|車両の位置を把握|車両の位置を追跡 ; fleet management|track vehicles|tracking vehicles|vehicle tracking|track the buses|tracking the buses ; D
    エコドライブ|燃費のよい運転|急発進を避け ; eco-driving|fuel-efficient driving|drive more efficiently|driving more efficiently ; D
    アイドリングストップ|エンジンを止め|エンジンを切|停車中のエンジン ; anti-idling|switch off engines|switching off engines|turn off the engine|turning off the engine|engines running while parked ; D
    シェアサイクル|自転車を貸し出|自転車を借り|自転車を共有 ; bike sharing|rent bicycles|renting bicycles|borrow bicycles|borrowing bicycles|shared bikes ; D
    陸上電力供給|停泊中の船に電力|停泊中の船舶に電力|停泊中の船に電気|陸から船に電気|岸壁から給電 ; shore power|power ships at berth|powering ships at berth|plug in ships|switch off auxiliary engines|auxiliary engines at berth ; D
    荷役機械|クレーンを電動化|荷役機械を電動化 ; cargo handling equipment|electrify cranes|electrifying cranes|electrify cargo handling|electrifying cargo handling ; D
    コールドチェーン|低温で保管|低温で輸送|冷やしたまま運|冷蔵輸送 ; cold chain|keep food cold|keeping food cold|refrigerated transport|refrigerated trucks|chilled storage ; D
    持続可能な航空燃料|廃油から航空燃料|廃食用油から航空燃料|植物由来の航空燃料 ; sustainable aviation fuel|jet fuel from waste oil|aviation fuel from used cooking oil|renewable jet fuel ; D
    # Hydrogen
    水電解|水を電気分解|水を電気で分解 ; electrolysis|split water|splitting water|split water into hydrogen and oxygen ; D
    燃料電池|水素から電気|水素で発電|水素と酸素から電気 ; fuel cell|electricity from hydrogen|power from hydrogen|generate electricity from hydrogen|generating electricity from hydrogen ; D
    水素ステーション|水素を充填|水素を補給 ; hydrogen station|refuel with hydrogen|refuelling with hydrogen|refueling with hydrogen|hydrogen refuelling|hydrogen refueling ; D
    # Planning, MRV, finance, resilience
    大気質|大気を監視|大気質を測|大気の状態を監視 ; air quality|monitor air quality|monitoring air quality|measure air quality|measuring air quality ; D
    排出量算定|排出量を算定|排出量を計算|排出量を把握|排出量を見える化|排出量を計測 ; emissions accounting|calculate emissions|calculating emissions|measure emissions|measuring emissions|quantify emissions|quantifying emissions|track emissions|tracking emissions|carbon footprint ; D
    MRV|削減量を検証|削減効果を検証|削減量を測定 ; MRV|verify reductions|verifying reductions|verify emission reductions|verifying emission reductions|report emissions|reporting emissions ; D
    脱炭素計画|脱炭素の道筋|ゼロへの道筋|脱炭素への道筋|削減の道筋 ; decarbonization plan|pathway to net zero|path to net zero|route to net zero|roadmap to carbon neutrality ; D
    事業化調査|実現可能性を調べ|採算性を検討|事業性を評価|事業性を検討 ; feasibility study|assess feasibility|assessing feasibility|viability study|financial viability ; D
    ESCO|削減分で返済|光熱費の削減分|省エネ効果を保証|削減額から支払 ; ESCO|paid from the savings|pay from the savings|repaid from savings|shared savings|guaranteed savings ; D
    カーボンクレジット|削減量をクレジット|削減分をクレジット|クレジットとして販売 ; carbon credit|turn reductions into credits|credits for reductions|earn credits|earning credits ; D
    オフセット|排出を相殺|排出量を相殺 ; offset|compensate for emissions|compensating for emissions|cancel out emissions ; D
    レジリエンス|災害に強い|災害時にも機能|災害時も機能|災害時も稼働 ; resilience|withstand disasters|keep working during disasters|disaster-proof ; D
    早期警報|洪水を事前に知らせ|危険を事前に知らせ|避難を呼びかけ ; early warning|warn residents|warning residents|alert residents|alerting residents ; D
    治水|浸水を防|洪水を防|水害を防 ; flood control|prevent flooding|preventing flooding|protect against floods|protecting against floods|flood defence|flood defense ; D
    地理情報システム|地図上で管理|デジタル地図 ; GIS|digital map|digital maps|map the network|mapping the network ; D
    衛星画像|衛星から観測|衛星で監視|宇宙から観測 ; satellite imagery|observe from space|observing from space|monitor from space|monitoring from space ; D
    ヒートアイランド|都市の気温上昇|街の気温を下げ ; urban heat island|cool the city|cooling the city|hotter than the countryside ; D
    大気汚染|空気を汚|大気を汚 ; air pollution|dirty air|polluted air ; D
    排ガス処理|排ガスをきれいに|煙を浄化|排ガス浄化 ; flue gas treatment|clean the exhaust|cleaning the exhaust|scrub flue gas|scrubbing flue gas|scrubber|scrubbers ; D
    集じん機|ばいじんを取り除|粉じんを除去|ばいじんを除去|除じん|除塵 ; dust collector|capture dust|capturing dust|trap particles|trapping particles ; D
    脱硫|硫黄を除去|硫黄酸化物を除去 ; desulphurisation|remove sulphur|remove sulfur|removing sulfur|removing sulphur ; D
    水質汚濁|川を汚|川が汚れ|汚水が川に ; water pollution|dirty rivers|sewage into rivers|sewage flowing into rivers ; D
    # Nature
    マングローブ|マングローブを植|マングローブを再生 ; mangrove|plant mangroves|planting mangroves|restore mangroves|restoring mangroves ; D
    藻場|藻場を再生|海藻を増や|海藻を植 ; seagrass|restore seagrass|restoring seagrass|grow seaweed|growing seaweed ; D
    ブルーカーボン|海の生態系が吸収|海洋生態系が吸収|沿岸の生態系 ; blue carbon|carbon stored in coastal ecosystems|carbon in coastal ecosystems|carbon absorbed by the sea ; D
    植林|木を植え|苗木を植え|森を再生 ; reforestation|plant trees|planting trees|restore forests|restoring forests ; D
    森林減少|森林を守|違法伐採|伐採を防 ; deforestation|illegal logging|protect forests|protecting forests ; D
    間断かんがい|水田の水を抜|田の水を抜|田んぼの水を抜 ; AWD|drain paddies|draining paddies|drain the rice fields|draining the rice fields ; D
    かんがい|農地に水を供給|畑に水を|田畑に水を ; irrigation|water the crops|watering crops|water the fields|watering the fields|supply water to farms ; D
    """
}
