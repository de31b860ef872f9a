/// A country's name in Japanese and English, for the people who read a country code (ux15).
public struct CountryName: Sendable, Equatable {
    public let code: String
    /// As the Ministry of Foreign Affairs writes it in its list of countries and regions (外務省「国・地域」);
    /// a territory it does not list, as JIS X 0304 (the Japanese edition of ISO 3166-1) names it.
    public let ja: String
    /// The UN's short name (M49), which ISO 3166-1 follows ("Viet Nam", "Republic of Korea"); GB, NL and TW
    /// as people write them in Japan's programmes ("United Kingdom", "Netherlands", "Taiwan").
    public let en: String
    /// What a Japanese list is ordered by: the name in katakana, for names that begin with kanji (中国 → チュウゴク),
    /// so 50音順 holds; for the others, the name itself.
    public let jaSortKey: String
    /// What an English list is ordered by: the name without its diacritics (Åland → Aland).
    public let enSortKey: String
}

extension Validation {
    /// The name of every code `isCountryCode` accepts, in both languages: one line per code, "code|ja|en",
    /// with "|reading" after the Japanese names that begin with kanji. `CountryNameTests` checks that every
    /// accepted code has both names and no other code has any.
    public static let countryNames: [String: CountryName] = {
        var names: [String: CountryName] = [:]
        for line in countryNameLines.split(separator: "\n") {
            let parts = line.trimmingPrefix(while: \.isWhitespace).split(separator: "|").map(String.init)
            guard parts.count >= 3 else { continue }
            let folded = String(parts[2].map { diacriticFree[$0] ?? $0 })
            names[parts[0]] = CountryName(code: parts[0], ja: parts[1], en: parts[2], jaSortKey: parts.count > 3 ? parts[3] : parts[1], enSortKey: folded)
        }
        return names
    }()

    /// The name of a code in the language asked for, or nil when the code is no country.
    public static func countryName(_ code: String, japanese: Bool) -> String? {
        countryNames[code].map { japanese ? $0.ja : $0.en }
    }

    private static let diacriticFree: [Character: Character] = ["Å": "A", "ô": "o", "ç": "c", "é": "e", "ü": "u"]

    private static let countryNameLines = """
        AD|アンドラ|Andorra
        AE|アラブ首長国連邦|United Arab Emirates
        AF|アフガニスタン|Afghanistan
        AG|アンティグア・バーブーダ|Antigua and Barbuda
        AI|アンギラ|Anguilla
        AL|アルバニア|Albania
        AM|アルメニア|Armenia
        AO|アンゴラ|Angola
        AQ|南極|Antarctica|ナンキョク
        AR|アルゼンチン|Argentina
        AS|米領サモア|American Samoa|ベイリョウサモア
        AT|オーストリア|Austria
        AU|オーストラリア|Australia
        AW|アルバ|Aruba
        AX|オーランド諸島|Åland Islands
        AZ|アゼルバイジャン|Azerbaijan
        BA|ボスニア・ヘルツェゴビナ|Bosnia and Herzegovina
        BB|バルバドス|Barbados
        BD|バングラデシュ|Bangladesh
        BE|ベルギー|Belgium
        BF|ブルキナファソ|Burkina Faso
        BG|ブルガリア|Bulgaria
        BH|バーレーン|Bahrain
        BI|ブルンジ|Burundi
        BJ|ベナン|Benin
        BL|サン・バルテルミー|Saint Barthélemy
        BM|バミューダ諸島|Bermuda
        BN|ブルネイ|Brunei Darussalam
        BO|ボリビア|Bolivia (Plurinational State of)
        BQ|ボネール、シント・ユースタティウス及びサバ|Bonaire, Sint Eustatius and Saba
        BR|ブラジル|Brazil
        BS|バハマ|Bahamas
        BT|ブータン|Bhutan
        BV|ブーベ島|Bouvet Island
        BW|ボツワナ|Botswana
        BY|ベラルーシ|Belarus
        BZ|ベリーズ|Belize
        CA|カナダ|Canada
        CC|ココス(キーリング)諸島|Cocos (Keeling) Islands
        CD|コンゴ民主共和国|Democratic Republic of the Congo
        CF|中央アフリカ|Central African Republic|チュウオウアフリカ
        CG|コンゴ共和国|Congo
        CH|スイス|Switzerland
        CI|コートジボワール|Côte d'Ivoire
        CK|クック諸島|Cook Islands
        CL|チリ|Chile
        CM|カメルーン|Cameroon
        CN|中国|China|チュウゴク
        CO|コロンビア|Colombia
        CR|コスタリカ|Costa Rica
        CU|キューバ|Cuba
        CV|カーボベルデ|Cabo Verde
        CW|キュラソー|Curaçao
        CX|クリスマス島|Christmas Island
        CY|キプロス|Cyprus
        CZ|チェコ|Czechia
        DE|ドイツ|Germany
        DJ|ジブチ|Djibouti
        DK|デンマーク|Denmark
        DM|ドミニカ国|Dominica
        DO|ドミニカ共和国|Dominican Republic
        DZ|アルジェリア|Algeria
        EC|エクアドル|Ecuador
        EE|エストニア|Estonia
        EG|エジプト|Egypt
        EH|西サハラ|Western Sahara|ニシサハラ
        ER|エリトリア|Eritrea
        ES|スペイン|Spain
        ET|エチオピア|Ethiopia
        FI|フィンランド|Finland
        FJ|フィジー|Fiji
        FK|フォークランド諸島|Falkland Islands (Malvinas)
        FM|ミクロネシア|Micronesia (Federated States of)
        FO|フェロー諸島|Faroe Islands
        FR|フランス|France
        GA|ガボン|Gabon
        GB|英国|United Kingdom|エイコク
        GD|グレナダ|Grenada
        GE|ジョージア|Georgia
        GF|仏領ギアナ|French Guiana|フツリョウギアナ
        GG|ガーンジー|Guernsey
        GH|ガーナ|Ghana
        GI|ジブラルタル|Gibraltar
        GL|グリーンランド|Greenland
        GM|ガンビア|Gambia
        GN|ギニア|Guinea
        GP|グアドループ|Guadeloupe
        GQ|赤道ギニア|Equatorial Guinea|セキドウギニア
        GR|ギリシャ|Greece
        GS|サウスジョージア・サウスサンドウィッチ諸島|South Georgia and the South Sandwich Islands
        GT|グアテマラ|Guatemala
        GU|グアム|Guam
        GW|ギニアビサウ|Guinea-Bissau
        GY|ガイアナ|Guyana
        HK|香港|Hong Kong|ホンコン
        HM|ハード島・マクドナルド諸島|Heard Island and McDonald Islands
        HN|ホンジュラス|Honduras
        HR|クロアチア|Croatia
        HT|ハイチ|Haiti
        HU|ハンガリー|Hungary
        ID|インドネシア|Indonesia
        IE|アイルランド|Ireland
        IL|イスラエル|Israel
        IM|マン島|Isle of Man
        IN|インド|India
        IO|英領インド洋地域|British Indian Ocean Territory|エイリョウインドヨウチイキ
        IQ|イラク|Iraq
        IR|イラン|Iran (Islamic Republic of)
        IS|アイスランド|Iceland
        IT|イタリア|Italy
        JE|ジャージー|Jersey
        JM|ジャマイカ|Jamaica
        JO|ヨルダン|Jordan
        JP|日本|Japan|ニホン
        KE|ケニア|Kenya
        KG|キルギス|Kyrgyzstan
        KH|カンボジア|Cambodia
        KI|キリバス|Kiribati
        KM|コモロ|Comoros
        KN|セントクリストファー・ネービス|Saint Kitts and Nevis
        KP|北朝鮮|Democratic People's Republic of Korea|キタチョウセン
        KR|韓国|Republic of Korea|カンコク
        KW|クウェート|Kuwait
        KY|ケイマン諸島|Cayman Islands
        KZ|カザフスタン|Kazakhstan
        LA|ラオス|Lao People's Democratic Republic
        LB|レバノン|Lebanon
        LC|セントルシア|Saint Lucia
        LI|リヒテンシュタイン|Liechtenstein
        LK|スリランカ|Sri Lanka
        LR|リベリア|Liberia
        LS|レソト|Lesotho
        LT|リトアニア|Lithuania
        LU|ルクセンブルク|Luxembourg
        LV|ラトビア|Latvia
        LY|リビア|Libya
        MA|モロッコ|Morocco
        MC|モナコ|Monaco
        MD|モルドバ|Republic of Moldova
        ME|モンテネグロ|Montenegro
        MF|サン・マルタン(仏領)|Saint Martin (French part)
        MG|マダガスカル|Madagascar
        MH|マーシャル|Marshall Islands
        MK|北マケドニア|North Macedonia|キタマケドニア
        ML|マリ|Mali
        MM|ミャンマー|Myanmar
        MN|モンゴル|Mongolia
        MO|マカオ|Macao
        MP|北マリアナ諸島|Northern Mariana Islands|キタマリアナショトウ
        MQ|マルティニーク|Martinique
        MR|モーリタニア|Mauritania
        MS|モントセラト|Montserrat
        MT|マルタ|Malta
        MU|モーリシャス|Mauritius
        MV|モルディブ|Maldives
        MW|マラウイ|Malawi
        MX|メキシコ|Mexico
        MY|マレーシア|Malaysia
        MZ|モザンビーク|Mozambique
        NA|ナミビア|Namibia
        NC|ニューカレドニア|New Caledonia
        NE|ニジェール|Niger
        NF|ノーフォーク島|Norfolk Island
        NG|ナイジェリア|Nigeria
        NI|ニカラグア|Nicaragua
        NL|オランダ|Netherlands
        NO|ノルウェー|Norway
        NP|ネパール|Nepal
        NR|ナウル|Nauru
        NU|ニウエ|Niue
        NZ|ニュージーランド|New Zealand
        OM|オマーン|Oman
        PA|パナマ|Panama
        PE|ペルー|Peru
        PF|仏領ポリネシア|French Polynesia|フツリョウポリネシア
        PG|パプアニューギニア|Papua New Guinea
        PH|フィリピン|Philippines
        PK|パキスタン|Pakistan
        PL|ポーランド|Poland
        PM|サンピエール島・ミクロン島|Saint Pierre and Miquelon
        PN|ピトケアン|Pitcairn
        PR|プエルトリコ|Puerto Rico
        PS|パレスチナ|State of Palestine
        PT|ポルトガル|Portugal
        PW|パラオ|Palau
        PY|パラグアイ|Paraguay
        QA|カタール|Qatar
        RE|レユニオン|Réunion
        RO|ルーマニア|Romania
        RS|セルビア|Serbia
        RU|ロシア|Russian Federation
        RW|ルワンダ|Rwanda
        SA|サウジアラビア|Saudi Arabia
        SB|ソロモン諸島|Solomon Islands
        SC|セーシェル|Seychelles
        SD|スーダン|Sudan
        SE|スウェーデン|Sweden
        SG|シンガポール|Singapore
        SH|セントヘレナ・アセンション及びトリスタンダクーニャ|Saint Helena, Ascension and Tristan da Cunha
        SI|スロベニア|Slovenia
        SJ|スヴァールバル諸島及びヤンマイエン島|Svalbard and Jan Mayen Islands
        SK|スロバキア|Slovakia
        SL|シエラレオネ|Sierra Leone
        SM|サンマリノ|San Marino
        SN|セネガル|Senegal
        SO|ソマリア|Somalia
        SR|スリナム|Suriname
        SS|南スーダン|South Sudan|ミナミスーダン
        ST|サントメ・プリンシペ|Sao Tome and Principe
        SV|エルサルバドル|El Salvador
        SX|シント・マールテン(蘭領)|Sint Maarten (Dutch part)
        SY|シリア|Syrian Arab Republic
        SZ|エスワティニ|Eswatini
        TC|タークス・カイコス諸島|Turks and Caicos Islands
        TD|チャド|Chad
        TF|仏領極南諸島|French Southern Territories|フツリョウキョクナンショトウ
        TG|トーゴ|Togo
        TH|タイ|Thailand
        TJ|タジキスタン|Tajikistan
        TK|トケラウ|Tokelau
        TL|東ティモール|Timor-Leste|ヒガシティモール
        TM|トルクメニスタン|Turkmenistan
        TN|チュニジア|Tunisia
        TO|トンガ|Tonga
        TR|トルコ|Türkiye
        TT|トリニダード・トバゴ|Trinidad and Tobago
        TV|ツバル|Tuvalu
        TW|台湾|Taiwan|タイワン
        TZ|タンザニア|United Republic of Tanzania
        UA|ウクライナ|Ukraine
        UG|ウガンダ|Uganda
        UM|合衆国領有小離島|United States Minor Outlying Islands|ガッシュウコクリョウユウショウリトウ
        US|アメリカ合衆国|United States of America
        UY|ウルグアイ|Uruguay
        UZ|ウズベキスタン|Uzbekistan
        VA|バチカン|Holy See
        VC|セントビンセント及びグレナディーン諸島|Saint Vincent and the Grenadines
        VE|ベネズエラ|Venezuela (Bolivarian Republic of)
        VG|英領ヴァージン諸島|British Virgin Islands|エイリョウヴァージンショトウ
        VI|米領ヴァージン諸島|United States Virgin Islands|ベイリョウヴァージンショトウ
        VN|ベトナム|Viet Nam
        VU|バヌアツ|Vanuatu
        WF|ウォリス・フツナ|Wallis and Futuna Islands
        WS|サモア|Samoa
        XK|コソボ|Kosovo
        YE|イエメン|Yemen
        YT|マヨット|Mayotte
        ZA|南アフリカ共和国|South Africa|ミナミアフリカキョウワコク
        ZM|ザンビア|Zambia
        ZW|ジンバブエ|Zimbabwe
        """
}
