extension GlossaryData {
    /// General content words that needs and profiles use around the technical terms: where (village, school,
    /// road), what it is about (fuel, electricity, smoke). Without them a need that says what it wants rather
    /// than naming a plant ("mills … husks … electricity") had almost nothing to cross languages with. Words
    /// of process (plan, design, construction, introduction, reduce) were tried and left out: they matched
    /// nearly every profile and lowered recall on the development part. Sources as for the other domains.
    static let general = """
    燃料 ; fuel ; A
    電力|電気 ; electricity|electric power|electric|electrical ; A
    エネルギー ; energy ; E
    熱 ; heat ; A
    残さ|残渣 ; residue|residues ; A
    精米所 ; rice mill ; A
    高効率 ; high efficiency|high-efficiency|efficient ; A
    村|集落|農村 ; village|rural village|settlement ; A
    学校 ; school ; A
    市場 ; market ; A
    道路 ; road|roads ; A
    交差点 ; intersection|junction ; A
    交通量 ; traffic volume|traffic ; A
    車両 ; vehicle|fleet ; A
    トラック ; truck|lorry ; A
    石油 ; oil|petroleum ; A
    ガス ; gas ; A
    研修|人材育成 ; training|capacity building ; A
    補助金|補助 ; subsidy|grant ; M
    雨季 ; rainy season|monsoon ; A
    乾季 ; dry season ; A
    台風 ; typhoon ; A
    煙 ; smoke ; A
    騒音 ; noise ; A
    中小企業 ; SME|small and medium enterprise ; A
    老朽化 ; ageing|aging|deterioration ; A
    """
}
