extension GlossaryData {
    /// What a plant or a service does, as its definition says it, joined to the sense that names it: a city writes
    /// what it wants done ("store electricity", "compressed air", 水素をつくり) where a profile names the equipment
    /// (蓄電池, compressor, 水電解). Each line repeats one variant of the sense it describes, so it joins that sense
    /// (lines that share a variant are one sense). Source D: the definitions of the concept in the taxonomy's own
    /// descriptions and in public glossaries and handbooks (ECCJ's energy-conservation handbooks, JIS terms, the
    /// IPCC glossary), as commonly cited; written by hand from what the equipment does, not from any need or
    /// profile of the evaluation set (docs/matching.md). A Japanese verb phrase is written without its ending
    /// (電気をため, 水素をつく), as English is matched on inflection stems, so ためる, ためて, ためておき all meet it.
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
    """
}
