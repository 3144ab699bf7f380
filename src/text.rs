//! Small text helpers shared by every stage: width folding, blank trimming, Chinese numerals.

/// Folds full-width ASCII variants (！-～) to ASCII and the ideographic space to a space.
/// Surface forms are kept as printed elsewhere; this is for matching only.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold_width`] for one character: what the reader folds (it keeps case and the narrow
/// ideographic punctuation as printed).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// [`fold_char`], then what comparing names and questions also ignores: ASCII case and the
/// half-width ideographic full stop and comma (｡ ､ → 。 、). Always one char for one char, so
/// offsets in folded text are offsets in the original.
#[inline]
pub fn fold_for_matching(c: char) -> char {
    match fold_char(c) {
        '\u{FF61}' => '。',
        '\u{FF64}' => '、',
        c => c.to_ascii_lowercase(),
    }
}

/// Whitespace as these documents use it: ASCII, ideographic space, no-break space, BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{A0}' || c == '\u{FEFF}'
}

/// Trims [`is_space`] characters at both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Chinese numeral characters used in item numbers.
pub fn is_cn_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇' | '两')
}

/// Value of a Chinese numeral as used in item numbers ("十一" = 11, "二十三" = 23, "一百零二" = 102).
pub fn cn_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            _ => {
                let d = digit(c)?;
                pending = Some(d);
            }
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// Is `c` a CJK ideograph (the Han characters these documents are written in)?
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Opening brackets that may start a unit clause or a parenthetical.
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '（' | '〔' | '[' | '【' | '［')
}

/// Closing brackets matching [`is_open_bracket`].
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | '）' | '〕' | ']' | '】' | '］')
}

/// Traditional characters that the reading grammar and unit names use, paired with their
/// simplified forms, sorted by the traditional character. Both sides are 3-byte UTF-8, so
/// [`simplify`] keeps every byte offset: a clause found in the simplified copy is sliced from
/// the text as printed. Hand-kept rather than a conversion crate: the grammar needs a few
/// hundred one-to-one characters (role words, unit endings, place suffixes, common unit-name
/// characters), where a full OpenCC table is ~100 KB and maps phrases, not characters.
#[rustfmt::skip]
const TRADITIONAL: &[(char, char)] = &[
    ('並', '并'), ('亂', '乱'), ('亞', '亚'), ('佈', '布'), ('來', '来'), ('係', '系'), ('倉', '仓'), ('個', '个'),
    ('們', '们'), ('倫', '伦'), ('備', '备'), ('傳', '传'), ('債', '债'), ('僅', '仅'), ('僑', '侨'), ('價', '价'),
    ('億', '亿'), ('償', '偿'), ('優', '优'), ('儲', '储'), ('兒', '儿'), ('內', '内'), ('則', '则'), ('創', '创'),
    ('劃', '划'), ('劉', '刘'), ('動', '动'), ('務', '务'), ('勞', '劳'), ('勢', '势'), ('勵', '励'), ('區', '区'),
    ('協', '协'), ('厲', '厉'), ('參', '参'), ('吳', '吴'), ('員', '员'), ('問', '问'), ('啓', '启'), ('啟', '启'),
    ('喪', '丧'), ('喬', '乔'), ('單', '单'), ('嗎', '吗'), ('嚴', '严'), ('國', '国'), ('圍', '围'), ('園', '园'),
    ('圖', '图'), ('團', '团'), ('執', '执'), ('堅', '坚'), ('報', '报'), ('場', '场'), ('塊', '块'), ('壓', '压'),
    ('壩', '坝'), ('壯', '壮'), ('壽', '寿'), ('婦', '妇'), ('孫', '孙'), ('學', '学'), ('實', '实'), ('寧', '宁'),
    ('審', '审'), ('寫', '写'), ('將', '将'), ('專', '专'), ('對', '对'), ('導', '导'), ('屆', '届'), ('層', '层'),
    ('屬', '属'), ('岡', '冈'), ('島', '岛'), ('崗', '岗'), ('嶺', '岭'), ('嶽', '岳'), ('師', '师'), ('幣', '币'),
    ('幫', '帮'), ('幹', '干'), ('幾', '几'), ('庫', '库'), ('廈', '厦'), ('廟', '庙'), ('廠', '厂'), ('廣', '广'),
    ('廳', '厅'), ('張', '张'), ('彙', '汇'), ('後', '后'), ('從', '从'), ('復', '复'), ('徵', '征'), ('態', '态'),
    ('慶', '庆'), ('憲', '宪'), ('應', '应'), ('懲', '惩'), ('懸', '悬'), ('戰', '战'), ('戶', '户'), ('換', '换'),
    ('擇', '择'), ('擔', '担'), ('據', '据'), ('擾', '扰'), ('數', '数'), ('斷', '断'), ('於', '于'), ('時', '时'),
    ('書', '书'), ('會', '会'), ('東', '东'), ('査', '查'), ('條', '条'), ('楊', '杨'), ('業', '业'), ('構', '构'),
    ('樂', '乐'), ('標', '标'), ('樣', '样'), ('樹', '树'), ('橋', '桥'), ('機', '机'), ('檔', '档'), ('檢', '检'),
    ('權', '权'), ('歲', '岁'), ('歷', '历'), ('歸', '归'), ('殘', '残'), ('殯', '殡'), ('氣', '气'), ('決', '决'),
    ('沒', '没'), ('測', '测'), ('準', '准'), ('溝', '沟'), ('滄', '沧'), ('滬', '沪'), ('滿', '满'), ('漁', '渔'),
    ('漢', '汉'), ('潁', '颍'), ('澤', '泽'), ('濟', '济'), ('濱', '滨'), ('瀋', '沈'), ('灘', '滩'), ('灣', '湾'),
    ('災', '灾'), ('為', '为'), ('烏', '乌'), ('無', '无'), ('營', '营'), ('爲', '为'), ('爾', '尔'), ('牽', '牵'),
    ('獎', '奖'), ('獲', '获'), ('獸', '兽'), ('現', '现'), ('環', '环'), ('產', '产'), ('當', '当'), ('療', '疗'),
    ('發', '发'), ('盡', '尽'), ('監', '监'), ('確', '确'), ('碼', '码'), ('礦', '矿'), ('禮', '礼'), ('稅', '税'),
    ('種', '种'), ('稱', '称'), ('穀', '谷'), ('穩', '稳'), ('節', '节'), ('範', '范'), ('籌', '筹'), ('糾', '纠'),
    ('紀', '纪'), ('約', '约'), ('紅', '红'), ('紙', '纸'), ('級', '级'), ('紛', '纷'), ('細', '细'), ('紹', '绍'),
    ('組', '组'), ('結', '结'), ('絡', '络'), ('給', '给'), ('統', '统'), ('綏', '绥'), ('經', '经'), ('綜', '综'),
    ('綠', '绿'), ('綫', '线'), ('維', '维'), ('綱', '纲'), ('網', '网'), ('線', '线'), ('編', '编'), ('縣', '县'),
    ('總', '总'), ('織', '织'), ('續', '续'), ('罰', '罚'), ('羅', '罗'), ('羣', '群'), ('義', '义'), ('習', '习'),
    ('聯', '联'), ('職', '职'), ('聽', '听'), ('脫', '脱'), ('臺', '台'), ('與', '与'), ('興', '兴'), ('舉', '举'),
    ('舊', '旧'), ('莊', '庄'), ('華', '华'), ('萬', '万'), ('葉', '叶'), ('蔣', '蒋'), ('蕪', '芜'), ('蕭', '萧'),
    ('藍', '蓝'), ('藝', '艺'), ('藥', '药'), ('蘇', '苏'), ('蘭', '兰'), ('處', '处'), ('號', '号'), ('衆', '众'),
    ('術', '术'), ('衛', '卫'), ('衝', '冲'), ('衹', '只'), ('裏', '里'), ('補', '补'), ('裡', '里'), ('複', '复'),
    ('覈', '核'), ('見', '见'), ('規', '规'), ('視', '视'), ('覽', '览'), ('觀', '观'), ('計', '计'), ('訊', '讯'),
    ('討', '讨'), ('記', '记'), ('訟', '讼'), ('訪', '访'), ('設', '设'), ('許', '许'), ('訴', '诉'), ('註', '注'),
    ('詐', '诈'), ('評', '评'), ('詞', '词'), ('詢', '询'), ('試', '试'), ('話', '话'), ('該', '该'), ('誌', '志'),
    ('認', '认'), ('誠', '诚'), ('說', '说'), ('誰', '谁'), ('調', '调'), ('請', '请'), ('論', '论'), ('諮', '咨'),
    ('講', '讲'), ('謝', '谢'), ('證', '证'), ('議', '议'), ('護', '护'), ('讀', '读'), ('變', '变'), ('讓', '让'),
    ('豐', '丰'), ('負', '负'), ('財', '财'), ('貧', '贫'), ('責', '责'), ('貴', '贵'), ('買', '买'), ('貸', '贷'),
    ('費', '费'), ('貿', '贸'), ('資', '资'), ('賈', '贾'), ('賠', '赔'), ('賣', '卖'), ('質', '质'), ('賭', '赌'),
    ('購', '购'), ('賽', '赛'), ('贛', '赣'), ('趙', '赵'), ('車', '车'), ('軌', '轨'), ('軍', '军'), ('輔', '辅'),
    ('輛', '辆'), ('輸', '输'), ('轉', '转'), ('辦', '办'), ('農', '农'), ('這', '这'), ('週', '周'), ('進', '进'),
    ('運', '运'), ('過', '过'), ('達', '达'), ('違', '违'), ('遞', '递'), ('遠', '远'), ('遷', '迁'), ('選', '选'),
    ('遺', '遗'), ('遼', '辽'), ('還', '还'), ('邊', '边'), ('鄉', '乡'), ('鄧', '邓'), ('鄭', '郑'), ('鄰', '邻'),
    ('鄲', '郸'), ('醫', '医'), ('銀', '银'), ('錄', '录'), ('錦', '锦'), ('錫', '锡'), ('鍾', '钟'), ('鎮', '镇'),
    ('鏈', '链'), ('鐵', '铁'), ('鑒', '鉴'), ('長', '长'), ('門', '门'), ('開', '开'), ('間', '间'), ('閘', '闸'),
    ('閩', '闽'), ('閱', '阅'), ('關', '关'), ('陝', '陕'), ('陰', '阴'), ('陳', '陈'), ('陸', '陆'), ('陽', '阳'),
    ('隊', '队'), ('際', '际'), ('險', '险'), ('隻', '只'), ('雙', '双'), ('雞', '鸡'), ('雲', '云'), ('電', '电'),
    ('韋', '韦'), ('韓', '韩'), ('頁', '页'), ('項', '项'), ('順', '顺'), ('頒', '颁'), ('頓', '顿'), ('領', '领'),
    ('頭', '头'), ('題', '题'), ('額', '额'), ('類', '类'), ('顧', '顾'), ('養', '养'), ('館', '馆'), ('馬', '马'),
    ('馮', '冯'), ('駕', '驾'), ('騙', '骗'), ('驗', '验'), ('體', '体'), ('鬥', '斗'), ('魯', '鲁'), ('鴨', '鸭'),
    ('鶴', '鹤'), ('鹽', '盐'), ('麼', '么'), ('麽', '么'), ('黃', '黄'), ('點', '点'), ('黨', '党'), ('齊', '齐'),
    ('齡', '龄'), ('龍', '龙'), ('龐', '庞'),
];

/// [`TRADITIONAL`] as the binaries hold it, packed at compile time: the gaps between the
/// traditional characters as LEB128 numbers, then each simplified character's distance from its
/// traditional one as a little-endian i16. The pairs as `(char, char)` cost the browser's query
/// module 1.6 KB gzipped; packed they cost 1.15 KB, unpacked once at first use.
static PACKED_TRADITIONAL: [u8; packed_len(TRADITIONAL)] = pack(TRADITIONAL);

const fn packed_len(pairs: &[(char, char)]) -> usize {
    let (mut n, mut prev, mut i) = (0, 0, 0);
    while i < pairs.len() {
        let mut gap = pairs[i].0 as u32 - prev;
        prev = pairs[i].0 as u32;
        n += 3; // the last byte of the gap, and the i16
        while gap >= 0x80 {
            gap >>= 7;
            n += 1;
        }
        i += 1;
    }
    n
}

const fn pack<const N: usize>(pairs: &[(char, char)]) -> [u8; N] {
    let mut out = [0u8; N];
    let (mut at, mut prev, mut i) = (0, 0, 0);
    while i < pairs.len() {
        let mut gap = pairs[i].0 as u32 - prev;
        prev = pairs[i].0 as u32;
        while gap >= 0x80 {
            out[at] = (gap as u8 & 0x7F) | 0x80;
            gap >>= 7;
            at += 1;
        }
        out[at] = gap as u8;
        at += 1;
        i += 1;
    }
    i = 0;
    while i < pairs.len() {
        let d = pairs[i].1 as i32 - pairs[i].0 as i32;
        // A pair whose distance an i16 cannot hold stops the build, never packs truncated.
        assert!(d >= i16::MIN as i32 && d <= i16::MAX as i32, "a TRADITIONAL pair is too far apart to pack");
        let b = (d as i16).to_le_bytes();
        out[at] = b[0];
        out[at + 1] = b[1];
        at += 2;
        i += 1;
    }
    out
}

/// [`PACKED_TRADITIONAL`] unpacked, sorted by the traditional character.
fn traditional_pairs() -> &'static [(char, char)] {
    static PAIRS: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let n = TRADITIONAL_COUNT;
        let (gaps, diffs) = PACKED_TRADITIONAL.split_at(PACKED_TRADITIONAL.len() - 2 * n);
        let mut out = Vec::with_capacity(n);
        let (mut prev, mut gap, mut shift) = (0u32, 0u32, 0);
        let mut d = diffs.chunks_exact(2);
        for &b in gaps {
            gap |= u32::from(b & 0x7F) << shift;
            shift += 7;
            if b < 0x80 {
                prev += gap;
                let diff = d.next().map_or(0, |x| i16::from_le_bytes([x[0], x[1]]));
                let t = char::from_u32(prev).unwrap_or('\0');
                out.push((t, char::from_u32(prev.wrapping_add_signed(diff.into())).unwrap_or(t)));
                (gap, shift) = (0, 0);
            }
        }
        out
    })
}

const TRADITIONAL_COUNT: usize = TRADITIONAL.len();

/// The simplified form of a traditional character the grammar knows, else `c` itself.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x4E00 {
        return c;
    }
    let pairs = traditional_pairs();
    pairs.binary_search_by_key(&c, |&(t, _)| t).map_or(c, |i| pairs[i].1)
}

/// `s` with [`simplified`] on every character; byte offsets are unchanged.
pub fn simplify(s: &str) -> String {
    s.chars().map(simplified).collect()
}

/// `pieces` joined into one String: `format!` for text, without core::fmt. The browser's query
/// module builds its notes and messages this way; the formatting machinery `format!` brings
/// (~1 KB gz) counted against the first answer's byte budget.
pub fn cat(pieces: &[&str]) -> String {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        s.push_str(p);
    }
    s
}

/// `n` in decimal (itoa, not `to_string()`: no core::fmt, as [`cat`]).
pub fn decimal(n: u64) -> String {
    itoa::Buffer::new().format(n).to_owned()
}

/// `n` as eight lower-case hex digits (`{:08x}` without core::fmt, as [`cat`]).
pub fn hex8(n: u32) -> String {
    (0..8).rev().map(|i| char::from(b"0123456789abcdef"[(n >> (i * 4)) as usize & 15])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_value("一"), Some(1));
        assert_eq!(cn_value("十"), Some(10));
        assert_eq!(cn_value("十一"), Some(11));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("三十二"), Some(32));
        assert_eq!(cn_value("一百零二"), Some(102));
        assert_eq!(cn_value("征求"), None);
    }

    #[test]
    fn traditional_folds_keep_offsets() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no repeats");
        assert_eq!(traditional_pairs(), TRADITIONAL, "packed and unpacked again unchanged");
        assert!(TRADITIONAL.iter().all(|(t, s)| t.len_utf8() == s.len_utf8() && t != s));
        let s = "（牽頭單位：縣司法局；責任單位：各鄉鎮）";
        assert_eq!(simplify(s), "（牵头单位：县司法局；责任单位：各乡镇）");
        assert_eq!(simplify(s).len(), s.len());
        assert_eq!(simplify("覆盖 A1"), "覆盖 A1");
    }

    #[test]
    fn width() {
        assert_eq!(fold_width("（责任单位：Ａ，Ｂ）"), "(责任单位:A,B)");
        assert_eq!(fold_width(&fold_width("（１）　x")), fold_width("（１）　x"));
    }

    #[test]
    fn cat_decimal_and_hex8_format_as_format_does() {
        assert_eq!(cat(&["另有 ", &decimal(12), " 条", ""]), format!("另有 {} 条", 12));
        assert_eq!(cat(&[]), "");
        for n in [0u64, 7, 10, 4_294_967_296, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        for n in [0u32, 0xdead_beef, 0x0000_00ff, u32::MAX] {
            assert_eq!(hex8(n), format!("{n:08x}"));
        }
    }
}
