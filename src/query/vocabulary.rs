//! The words of questions that are not names: role cues, "who" cues, count and conjunction words,
//! structural phrases, plan-type words and filler. Cue words go into the same trie as unit and
//! place names (longest match first, so 牵头负责 is one lead cue and 没有牵头单位 one structural
//! phrase); filler is trimmed off the runs of text the trie leaves over.

use super::Family;
use serde::{Deserialize, Serialize};

/// Cues of the lead family: the unit leads (牵头), or is the first-listed 责任单位.
/// The first of each list is the plain verb questions are rebuilt with (labels::family_verb).
pub const LEAD_CUES: Words = Words(concat!(
    "牵头 主办单位 主办了 抓总单位 ",
    // Portal staff type English role words too.
    "lead leads leading 牵头负责 牵头抓总 牵头单位 牵头部门 主抓 主责 主责单位 主办 主导 负总责 领衔 ",
    "主要负责 带头 挂帅 领头 抓总 主管 分管 归口 归口管理 主抓负责 ",
    // Colloquial: 挑头 / 唱主角 / 打头阵 / 牵的头, and being the lead unit.
    "挑头 挑大梁 唱主角 打头阵 牵的头 带头负责 当牵头单位 当的牵头单位 是牵头单位 担任牵头单位 统筹 担纲 领办 牵头方 作为牵头方 为主责 ",
    // More spoken ways of being the one in charge: the dragon's head, the big flag, centre stage.
    "当龙头 龙头 龙头单位 扛大旗 扛旗 站C位 C位 c位 当家 做主 说了算 拍板 掌舵 操盘 主攻 主推 ",
    "打主力 当主力 首责 首责单位 负主要责任 负主责 主要责任单位 带队 打头 当头 当头的 总负责 ",
    "总牵头 牵总 抓总负责 为主的 为主导 主力 是主力 当主力的 ",
    // Pinyin typed unconverted, and IME slips of 牵头 (签头, 迁头).
    "qiantou 签头 迁头 牵不牵头",
));
/// Cues of the join family: the unit takes part without leading.
pub const JOIN_CUES: Words = Words(concat!(
    "参与 打配合 配合单位 support supports 参加 配合 协助 协办 协同 协作 配合参与 参加单位 ",
    "参与单位 协办单位 协助单位 辅助 支持 ",
    // Colloquial: helping out, playing a supporting part.
    "打下手 跟着干 跟着做 跟着配合 做配合 搞配合 配角 当配角 是配角 从旁配合 起辅助作用 辅助作用 参与进来 配合方 作为配合方 协同配合 ",
    // More spoken ways of helping: lending a hand, beating the side drum, the green leaves.
    "帮衬 搭把手 搭手 帮把手 帮一把 敲边鼓 陪跑 打帮手 当帮手 帮手 当绿叶 绿叶 跑龙套 出人出力 出把力 帮着干 帮着做 ",
    "打辅助 助攻 协从 跟班 协助配合 配合着 assist assisting helping 帮别人 帮别人干 ",
    "peihe canyu 配和 参不参与 配不配合 配合好 打好配合 做好配合 掺和 参和 掺一脚",
));
/// Cues asking for every role.
/// (涉及 is not one: "哪些任务涉及政务公开" asks for tasks; after a unit it is filler, and a unit
/// question without a role cue asks for every role anyway.)
pub const ANY_CUES: Words = Words(concat!(
    "负责 承担 承办 担负 责任单位 负责单位 承担单位 落实 对接 经办 职责范围内 职责范围 职责内 列为责任单位 ",
    "列入责任单位 列名 列了名 ",
    // Work that fell to a unit, whatever its part.
    "经手 摊上 摊到 分到 被分到 分到了 派给 派到 落到 接了 接手 沾边 沾上边 有份 担子 all involved involve responsible ",
    "名列其中 名列 责任田 fuze 落在 被分了 被分 ",
    // A yes-or-no question about a unit's part: 管不管, 负不负责.
    "管不管 管没管 负不负责 管吗 ",
    // Whose the responsibility is, asked by a supervisor: 担责, 兜底.
    "担责 要担责 担责任 兜底 兜底的",
));
/// A unit's share of the work (分工情况, 挂了名, 出现在哪些任务里): every role, unless a role
/// word says which (法治下陆建设规划的分工中，区委政法委牵头的).
pub const SHARE_CUES: Words = Words(
    "被点名 点名 点了名 分工 分工情况 职责分工 责任分工 分工情况如何 分工如何 挂了名 挂名 挂了名字 挂了 出现 出现在 出现了 出现过 名字出现",
);
/// Cues of "which units…" questions; with no unit named they make a topic question.
pub const WHO_CUES: Words = Words(concat!(
    "谁 由谁 哪些单位 哪个单位 哪家单位 什么单位 哪些部门 哪个部门 哪家部门 什么部门 哪些机构 哪个机构 哪些机关 哪个机关 ",
    "哪一个单位 哪一个部门 哪几个单位 哪几个部门 哪个局 哪些局 哪家 哪一家 ",
    "哪个主体 哪些主体 责任主体 何部门 何单位 哪个局委办 哪些局委办 哪个委办局 哪几家 谁家 哪个口子 哪些口子",
));
/// Words asking which units do most, or for every unit (哪个单位牵头的任务最多, 各单位牵头的任务数),
/// where nothing else names a topic: the ranking the answer's summary gives.
pub const RANKING_WORDS: Words = Words("最多 最少 排名 排行 各单位 各部门 每个单位 每个部门");
/// Words asking how many.
pub const COUNT_CUES: Words = Words(concat!(
    "多少 几项 几条 几个 几件 几类 多少项 多少条 多少个 多少件 数量 总数 一共 总共 ",
    "共计 合计 条数 数目 数一下 总计 总计是 加起来 一共是 出现了几次 几次 多少次 数一数 任务数 ",
    "任务数量 事项数 事项数量 工作数 项数 件数 total 几桩 总量 条目数 算一下 合起来 总数是 有几桩 拢共 统共 一总 ",
    "几宗 几码事 几多 几多条 几何 数目几何 多少宗",
));
/// Conjunctions asking for the measures every unit shares (intersection).
pub const ALL_WORDS: Words = Words(concat!(
    "共同 一起 一块儿 一块 一齐 一同 同时 都 全都 一道 都有 都是 共有的 同时是 ",
    // 既有A又有B: both.
    "均 三家均 两家均 均列为 既有 又有 既是 又是 也有 既 又 同为 均为 联合 同时出现 两个部门同时 两家同时 都列为 联手 合力 连同 三方共同 三方 双双 携手 三家都 两家都 三个单位都 一并 并列 一并名列 and both",
));
/// Conjunctions asking for the measures of any of the units (union).
pub const ANY_WORDS: Words = Words(
    "或 或者 或是 还是 任何一家 任一 任意一家 其中一家 其中之一 中任何一家 两家中任何一家 都算 随便哪个 随便哪家 不论哪家 无论哪家 要么 抑或 or 不管是 无论是",
);
/// Joining words between unit names that neither ask for "shared" nor "either".
pub const PLAIN_JOINS: Words = Words("和 与 及 以及 跟 同 还有 、 分别");

/// A question about the shape of measures rather than a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structural {
    /// No 牵头单位 printed.
    NoLead,
    /// Only 责任单位 printed (no 牵头, no 参加/配合).
    OnlyResponsible,
    /// No unit printed at all.
    NoUnits,
}

/// Structural questions are a negation and a unit list: 没有/没写/未明确… + 牵头单位/牵头部门…
const NEGATIONS: Words = Words(concat!(
    "找不到 看不到 把没写 没填 未填 没有填 没有 没 无 未 没写 没有写 未写 没列 ",
    "没有列 没有列出 未列 未列出 没明确 没有明确 未明确 缺少 缺 不设 没设 没有设 未设 没有指定 ",
    "未指定 没指定 没定 未定 没有定 没确定 未确定 没有确定 未设置 没设置 没有设置 没有安排 未安排 不明确 未写明 没写明 没有写明 没有标注 未标注 没标注 未注明 没注明 都没写 均未写 均未 ",
    // 没人牵头, 无人牵头: nobody named.
    "没人 无人 没有人 没点名 未点名 没点名谁",
));
/// Structural phrases that name the list first: 牵头单位是空的, 牵头单位为空.
const EMPTY_AFTER: Words =
    Words("是空的 为空 空着 空白 是空白 缺失 没写 没有写 未写 未明确 没明确 没有明确 不明确 没有 空缺 未写明 没写明");
const LEAD_LISTS: &[&str] = &["牵头单位", "牵头部门", "牵头"];
const ANY_LISTS: &[&str] = &["责任单位", "责任部门", "单位", "落实单位"];
const ONLY: Words = Words(concat!(
    "只挂了 只挂 光写 只填了 只填 仅填 只是列了 只列出 只有 只列了 只列 仅有 仅列 只写了 ",
    "只写 仅写 只标了 只给了 仅列了 只规定了 只规定 仅规定 光有 光写了 光列了 只注明 只写明 仅注明 仅写明 只标注 只标明 ",
    "只点了 只点 就列了 就写了 就列 就写",
));

/// Every structural phrase with its question (built at every load, so by `concat`, not
/// `format!`: the formatting machinery stays off the first answer's path).
pub fn structural_phrases() -> Vec<(String, Structural)> {
    let mut out = Vec::new();
    for n in NEGATIONS.iter() {
        for l in LEAD_LISTS {
            out.push(([n, *l].concat(), Structural::NoLead));
        }
        // 没有明确由谁牵头, 没写谁牵头.
        for who in ["谁牵头", "由谁牵头"] {
            out.push(([n, who].concat(), Structural::NoLead));
        }
        for l in ANY_LISTS {
            out.push(([n, *l].concat(), Structural::NoUnits));
        }
    }
    for e in EMPTY_AFTER.iter() {
        for l in LEAD_LISTS.iter().take(2) {
            out.push(([*l, e].concat(), Structural::NoLead));
            // 牵头单位一栏是空的.
            out.push(([*l, "一栏", e].concat(), Structural::NoLead));
            out.push(([*l, "栏", e].concat(), Structural::NoLead));
        }
        out.push((["责任单位", e].concat(), Structural::NoUnits));
    }
    for o in ONLY.iter() {
        out.push(([o, "责任单位"].concat(), Structural::OnlyResponsible));
    }
    out
}

/// "排在第一位", "排在责任单位头一个", "责任单位首位", "排头一个": where in a unit list a unit
/// stands, when it stands first. Built from their parts, as the structural phrases are.
pub fn position_phrases() -> Vec<String> {
    const VERBS: &[&str] = &["排", "排在", "列", "列在", "位列", "位居", "居于", "是", "为", ""];
    const LISTS: &[&str] = &["责任单位", "责任单位的", "责任单位中", "责任单位里"];
    const FIRST: &[&str] = &["第一位", "首位", "头一个", "第一个", "头一位", "最前面", "最前"];
    let mut out = Vec::new();
    for f in FIRST {
        for v in VERBS {
            if !v.is_empty() {
                out.push([*v, *f].concat());
            }
            for l in LISTS {
                out.push([*v, *l, *f].concat());
                if !v.is_empty() {
                    out.push([*l, *v, *f].concat());
                }
            }
        }
    }
    out.push("排头一个".to_string());
    out.push("排头".to_string());
    out.push("排第一".to_string());
    // 列为第一责任单位: the first of the 责任单位.
    for v in ["", "列为", "是", "为", "作为"] {
        out.push([v, "第一责任单位"].concat());
    }
    out.push("排名第一".to_string());
    out
}

/// Words that end the name of a plan (法治政府建设实施方案, 工作要点…): a run ending with one of
/// them may name a plan of the corpus.
/// Two characters each (reading.rs compares them two characters at a time).
pub const PLAN_WORDS: &[&str] = &["方案", "要点", "规划", "细则", "计划", "意见", "报告", "清单", "分解", "办法", "分工"];

/// Marks of a question (as opposed to a bare search phrase). In a question, filler words are
/// trimmed off the ends of the left-over phrases; a bare search phrase is taken exactly.
pub const QUESTION_MARKS: Words = Words("哪 什么 吗 谁 ? 呢 有没有 如何 怎么 啥 多少 几");

/// Filler trimmed off the start of a left-over phrase in a question. Single characters that
/// begin common topic words (和解, 有效, 就业, 当事人, 中小企业…) are deliberately absent.
pub const PREFIX_FILLER: Words = Words(concat!(
    "核对 核实 请问 帮我找 帮我 我想知道 ",
    // The whole of a level where the corpus has several places of it (else the place).
    "全区 全县 全市 全省 全州 ",
    // A citizen's want before the topic: 想投诉行政执法方面的问题.
    "我想 想 我要 想知道 查一查 查询 查找 查 搜索 看看 看一下 ",
    "告诉我 列出 列举 列一下 显示 给出 给我 关于 涉及 所有 全部 的 了 在 ",
    "由 归 要做 要干 要搞 需要做 需要 应该 应当 都 还 主要 具体 一共 ",
    "总共 请 能否 可以 作为 担任 身为 对于 那么 各项 具体有 分别 方面 哪些 ",
    "什么 有哪些 有什么 开展 推进 推动 做好 抓好 完成 执行 办理 从事 做的 ",
    "干的 抓的 管的 办的 搞 手上 手里 手头 名下 麻烦 ",
    "能不能告诉我 我想问 问一下 看下 本办 本委 本室 本中心 按方案 分列 ",
    // A written request from another office (烦请提供…, 现需核实…, 经查…，请列出其…).
    "烦请 提供 现需 需核实 经查 其 ",
    // The plans in general, not one of them (方案里提到约谈的, 凡是讲到新媒体的, 讲的是…).
    "方案里 方案中 细则里 细则中 规划里 文件里 文件中 凡是 讲到 讲的是 说的是 里提到 条目 ",
    // Greetings, wants and self-reference around the question (您好，想咨询一下…; 我是县司法局的，我们局…).
    "嗯 呃 额 那个 就是 然后 截至 截止 目前 现在 当前 眼下 ",
    "今年 今年度 本年度 近期 迄今 至今 就 那些 这些 请予 请予列明 查下 有关系 ",
    "有没有关系 您好 只是 想了解 想了解下 了解下 提问 你好 你们好 hi hello 想问下 想问 我想问下 ",
    "想咨询下 想咨询 咨询一下 咨询下 只要是 只要 我是 我们是 本人是 在线等 我们局 我们部门 我们这个单位 ",
    "咱们局 咱们单位 咱们 咱 我单位 我部门 本部门 也就是 数一数 问下 请问下 请教 ",
    "有关 有关于 做哪些 干哪些 做些 干些 做点 干点 负责的 具体负责 任务中 任务里 别的部门 ",
    "别的单位 其他部门 其他单位 那边 这边 统计 数一下 算一下 一下 本局 本单位 我局 ",
    "我们单位 中共 了解一下 我想了解 任务 讲到 提到 说到 写到 ",
    // Asking for the list in a form (汇总一下, 导出来, 做成一张表) and over a time (这几年).
    "汇总 导出 整理 我们部 我们委 我们办 这几年 近几年 近年来 这些年 ",
    "里面 任务里面 事项里面 工作里面 措施里面 工作涉及 事项涉及 措施涉及 涉及到 县里 区里 市里 帮忙 小助手 请逐条列出 pls please 帮我check下 帮我check ",
    // Demonstratives and the speaker before a topic (这种执行难, 俺们区…, 到底管啥).
    "这种 这类 这个 这样的 这条 这件 这个该 我这边该 我这边 这边该 俺们 俺 到底 究竟 经常 平时 ",
    // A supervisor's accountability words around the topic (问责该追…).
    "问责 追责 该追 ",
    // The meeting or paper the list is for (督办会要点名…, 简报里…) and when (下周, 周四), an
    // auditor's verbs (列示, 比对), and the unit already named, referred to (他们平时…).
    "督办会 调度会 推进会 协调会 专题会 例会 常务会 会上 会前 会议上 简报里 简报上 通报里 材料里 台账里 ",
    "下周 本周 这周 周一 周二 周三 周四 周五 月底 年底 列示 比对 核对下 对照 它们 他们 她们 事项中 事项里 事里 事情里 事情中 ",
    "今天 明天 后天 上午 下午 晚上 开会 要开会 ",
    // A formal letter's courtesies (鄙人…，兹请教：…，敬请赐复。顺颂时祺).
    "鄙人 兹请教 兹 请教 敬请赐复 敬请列出 敬请 赐复 顺颂时祺 请列明 列明 请逐一列出 逐一列出 ",
    // Whether the plans mention it (提没提宪法广场, 讲没讲恢复重建, 有没有任务是讲“实名登记”, 提及…的).
    "提没提 提没提到 讲没讲 讲没讲到 说没说 写没写 有没有提 有没有提到 有没有讲 是讲 是讲的 提及 有提及 有讲 有提 有讲到 有提到 有写到 有说到 ",
    // A reporter's, a researcher's and a deputy's framing (据了解…, 试析…, 视察前想了解…), and
    // the higher levels a village speaks of (上面哪些部门).
    "据了解 据悉 读者关心 读者 想采访一下 采访 截稿前 核实一下 试析 本文拟梳理 本文拟 拟梳理 梳理 统计口径按 统计口径 口径按 ",
    "视察前 视察时 调研前 上面 上头 了解 开展过 搞过 我住在 住在 测一下 测试一下 测试 测下 片区里 片区 辖区里 辖区内 同事问我 有人问我 别人问我 ",
    "所有人 大家 议题是 议题 主题是 逐项 要逐项 先把 请先把 把它 把它们 把两家 把三家 三家 两家 四家 几家 两个区 两个县 各方案中 各方案里 各方案",
));
/// Filler trimmed off the end of a left-over phrase in a question. Single characters that end
/// common topic words (民事, 监管, 督办, 线上, 重要…) are deliberately absent.
pub const SUFFIX_FILLER: Words = Words(concat!(
    "干什么 做什么 干啥 做啥 搞什么 管什么 哪些 什么 哪个 哪几个 ",
    "哪几项 哪几条 啥 哪些事 什么事 啥事 清单 一览 列表 明细 情况 任务 工作 ",
    "职责 责任 事项 措施 举措 内容 事情 事儿 项目 条目 相关 有关 方面 领域 ",
    "方向 这块 这一块 的 吗 呢 呀 啊 吧 嘛 了 咯 由 等 有 ",
    "是 都 些 里面 之中 以内 一下 全部 所有 具体 分别 各自 和 与 ",
    "及 以及 还有 归 由谁 列出来 列一下 给我列出来 任务里 任务中 工作中 ",
    "工作里 事项中 事项里 措施中 措施里 里头 任务当中 工作当中 谢谢 谢谢你 谢谢您 多谢 感谢 的事 ",
    "的活 这事 这件事 这事儿 这方面 这一项 这个 这种事 这种事情 这类事 这个事 这个问题 那件事 ",
    // "…方面的问题", "…的问题": what a citizen brings, around the topic.
    "的问题 相关问题 ",
    // What a plan calls its measures, counted or listed: 多少条重要举措, 重点任务有哪些.
    "重要举措 重点举措 主要举措 主要措施 重点任务 主要任务 重要任务 找 这类 这一类 ",
    // A tag question: 有牵头什么工作没有.
    "需要 列个单子 列个清单 列个表 列一列 方面做 方面干 方面搞 这块做 ... … 。。。 ",
    "那边 这边 那块 如何 怎样 怎么样 分解了 跟 有关系 提问 涉及 ",
    "来着 而言 没 不 过 来看看 看看 列明 予列明 请予列明 查下 帮我查下 的那些 ",
    "那些活儿 活儿 一栏 工作上 这项 这一块儿 总计 加起来 ",
    "合计 各 上班 那一块 那方面 这块儿 那块儿 有份 thx thanks task tasks list ",
    "这摊事 这摊 那摊 这件事上 这事上 身上 要做 要干 要负责 怎么申请 如何申请 事宜 事务 差事 活计 工作项 这一摊 那一摊 一摊 这一套 那一套 一套 头上 上头 那一套里 哪一些 pls check check下 tasks ",
    "导出来 导出 整理出来 整理一下 汇总 能做成一张表 做成一张表 做成表格 做个表 发给我 发我 一些 属于 ",
    // Routing a citizen's call (这个该转给…), complaints of work not done (没落实到位), and the
    // colloquial ends of a question (咋整, 弄了些啥, 啥子).
    "转给 转交给 转交 该转 比较合适 合适 没抓到位 没落实到位 落实不到位 执行不到位 不到位 没到位 没抓好 没做好 ",
    "这玩意儿 这玩意 咋整 咋弄 咋办 咋搞 弄了些啥 弄些啥 弄啥 搞些啥 干了啥 整啥 啥子 嘞 那事儿 那事 拉个清单 拉个单子 拉清单 ",
    "list里 清单里 条目中 条目里 谢谢啦 谢了 ",
    // The adverbs of an insistent question (…到底是谁牵头, 究竟归谁).
    "到底 究竟 ",
    // What to do with the list (理一下, 摘出来, 列入督办清单, 发群里, 回复下) and who asks (我们).
    "理一下 理一遍 理出来 理清楚 先理一遍 先理出来 理进材料里 摘出来 先摘出来 请先摘出来 列上 先列上 列进去 列入督办清单 督办清单 ",
    "过一遍 逐项过一遍 报一下 报上来 发一下 发下 发群里 回复下 回复一下 有人有吗 谁手上有 我们 咱们 都管 由它 由它们 它 它们 是哪一项 哪一项 哪一件 是哪一条 活动 要盯着 盯着 配得少 太少 不够 是怎么写的 怎么写的 是怎么写 怎么写 事里 事中 想听听 也想听听 想问问 也想问问 问问 活路 职责配置 的职责配置 事项共 任务共 也请 还没落地 没落地 还没完成 没完成 合成一张表 请合成一张表 合并列示 角色 其角色 在线等 本单位 本局 我单位 我局 我们局 我们单位 逐条列出 请逐条列出 一条条列出 帮忙 急用 急需 拉出来 全部拉出来 这些事 这些事情 在 那一条 哪一条 那条",
));
/// Pairs around a topic: 跟执法有关的 → 执法, 在普法上 → 普法. Taken off together only, since
/// each half alone also begins or ends ordinary words (跟踪, 线上).
pub const CIRCUMFIXES: &[(&str, &str)] = &[
    ("跟", "有关"),
    ("和", "有关"),
    ("与", "有关"),
    ("同", "有关"),
    ("跟", "相关"),
    ("和", "相关"),
    ("与", "相关"),
    ("在", "上"),
    ("在", "中"),
    ("在", "里"),
    ("在", "内"),
    ("在", "当中"),
    ("在", "方面"),
    ("在", "领域"),
    ("对", "方面"),
];
/// Words that are filler only when they are the whole left-over phrase.
pub const WHOLE_FILLER: Words = Words(concat!(
    "同 ",
    "要 哪 几 啥 干 做 管 抓 办 ",
    "帮 我 你 去找 看 给 让 把 ",
    "叫 称 被 为 将 会 能 可 其 它 他 她 们 我们 你们 ",
    "列 里 中 内 上 事 项 条 件 个 活 ",
    "来 对 当 该 那 这 两家 三家 四家 几家 这两家 这三家 这几家 ",
    "两个单位 三个单位 几个单位 这两个单位 这三个单位 这几个单位 两个部门 三个部门 这两个部门 这几个部门 问 类 ",
    "分解 政协委员提问 它们 他们 她们 其中 我刚 局长 任职 报到 上任 新上任的 弄 整 掺 这事转 转 ",
    "人大代表提问 代表提问 委员提问 我是人大代表 我是政协委员 只 仅 光 也不设 把没写 ",
    "下 是的话 有的话 的话 也 再 刚 先 ",
    "急 q 份 ",
    "所有人 大家 各位 各位老师 各位领导 急急急 急急 领导要 该去 去 要过 列入 列席 出席 参会 汇报 要用 但 但是 无 以 为样本 为例 配置 被列为 计 三者 两者 问题 很多 好多 不少 讲 机制 测 测试 方案 文件 细则 繁体输入测试 繁体测试 稿子里要写 要写 稿子里 常见问题 热点问题 问答 答 ",
    "数 方 以外 除了 共 别人 别的单位 两区 两县 两地 三地 两个区 两个县 是干 是做 是管 ",
    // How to apply, asked beside who handles it (司法救助怎么申请，归哪个部门管).
    "怎么申请 如何申请 怎么办理 如何办理 怎么办",
));
/// Measure words and numerals that follow a question word (哪几件, 多少项, 哪些).
pub const MEASURE_CHARS: &[char] = &['几', '项', '条', '件', '个', '类', '样', '些', '块', '种'];
/// Question words: in a run, a question word and what follows it are filler when what follows
/// is (干哪几件事, 公共法律服务的是哪几项).
pub const QUESTION_WORDS: Words = Words("哪 什么 啥 几 多少");

/// A place named by its level character alone (县里, 全县, 我县: the words before and after it), read as the one place of that
/// level when the corpus holds one.
pub const LEVEL_DEIXIS: &[(&str, &str)] =
    &[("", "里"), ("全", ""), ("本", ""), ("我", ""), ("咱", ""), ("咱们", ""), ("我们", ""), ("这个", "")];

/// A list of words as one string, separated by spaces: a slice of `&str` costs the browser
/// module eight bytes of pointer and length per word, more than the words themselves.
#[derive(Clone, Copy)]
pub struct Words(pub &'static str);

impl Words {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split(' ')
    }

    pub fn contains(self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }

    pub fn first(self) -> &'static str {
        self.iter().next().unwrap_or("")
    }
}

/// What people say around a topic that names no topic of its own: the aspect after it
/// (人民监督员制度的完善, 自然灾害的应对防范) and the action before it (精简行政许可). Where a
/// topic the plans do not print whole splits into such words and its own, the split cuts them
/// off whole and leaves them out (Engine::split_words, Engine::place_cores).
pub const ASPECT_WORDS: Words = Words(concat!(
    "制度 机制 建设 工作 管理 平台 完善 健全 落实 推进 推行 实施 发展 培育 培养 调整 布局 激励 保障 ",
    "治理 配齐 配备 配强 应对 防范 防治 规范化 标准化 学习 宣传 反馈 提升 优化 监督 情况 问题 事宜 相关工作 ",
    "规范 精简 加强 深化 建立 建立健全 强化 创新 加快 全面 深入 积极 严格 做好 抓好"
));

/// Words a self-introduction opens with, in a clause before the question (我是开厂的，…;
/// 我在区应急管理局上班，…; 领导要个数：…; 网友留言：…; 政协委员提问：…).
pub const INTRO_WORDS: Words =
    Words("我们想 我想办 我开了 我家 我新到 新到 我调任 调任 刚到 我刚接手 刚接手 问责 追责 核查 巡察 督查 我是 我在 我们是 我们在 本人是 本人在 本人 我刚 刚调到 刚来 新来的 作为 领导 问个事 问个事儿 网友 请问一下 打听一下 政协委员 人大代表 代表 委员");

/// Words of the asker's own story told around a question (我退休了想…, 派我下来驻村的…, 上个月来
/// 店里查…, 它配合人家做些啥, 跟区司法局打交道): a person other than the units asked about, a
/// time gone by, or dealings with a unit.
/// (我 beside a level, 我区/我县, is the plans' own word for the place.)
pub const STORY_WORDS: Words = Words("我 咱 俺 人家 别人 有人 有位 老乡 上回 上次 上个月 以前 之前 去年 前几天 前阵子 那天 打交道");

/// Words that open a clause explaining why the question is asked (为了比较…, 考虑到…, 从…角度看)
/// when a clause that asks follows, and words that open one after it (以便和…比较, 我好找…).
pub const CONTEXT_OPENERS: Words = Words("为了 在研究 考虑到 鉴于 如果 假如 学界 作为对照组 我想看 我注意到 出于");
/// Words that open a clause naming what the question is about (关于领导干部学法用法，我想知道…提到
/// 领导干部的…): context when the clauses after it ask about a topic of their own, else the
/// question's topic (关于行政复议，哪个部门牵头).
pub const ABOUT_OPENERS: Words = Words("关于 至于 说到 谈到 针对");
/// Words reporting what someone said or asked (市民来电说…, 村民反映…, 游客投诉…): in a topic run
/// the plans do not hold, what follows is the sentence to find the topic in.
pub const REPORT_WORDS: Words = Words("来电说 来电反映 来电问 打进来说 打电话说 打来说 反映说 反映 投诉说 投诉 说 问 称 讲");
/// Words of speech that stand between a question's words, not in them (…的宣传呢就是说我们…,
/// voice input's run-on sentences).
pub const SPOKEN_BREAKS: Words = Words("就是说 嗯 呃 那个 呢");
pub const PURPOSE_OPENERS: Words = Words("以便 便于 方便 好让 我好 我想和 我想跟 我要和 我们要 用来 用于");

/// Quote pairs: text inside is one exact phrase, never read as a unit or cue.
pub const QUOTES: &[(char, char)] =
    &[('“', '”'), ('"', '"'), ('「', '」'), ('『', '』'), ('‘', '’'), ('\'', '\''), ('《', '》'), ('〈', '〉')];

/// What a cue word of the trie stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Role(Family),
    Who,
    Count,
    Structural(Structural),
    /// 归谁管: who, and the lead family.
    WhoLeads,
    /// 分工情况, 挂名: every role, when no role word says otherwise.
    Share,
    /// 排在第一位, 责任单位首位: the first-listed unit, so the lead family, whatever role word
    /// came before.
    Position,
    /// 有没有, 是否: asks, and keeps 没有 from reading as "no lead" in 有没有牵头的任务.
    Ask,
}

/// Question words matched as a whole so their parts are not read as other cues.
pub const ASK_WORDS: Words = Words("有没有 是不是 是否 有无");

/// "Who is in charge" cues: a who-question of the lead family.
pub const WHO_LEADS: Words = Words(concat!(
    "归谁管 谁管 谁来管 谁主管 由谁管 归哪个单位管 归哪个部门管 由哪个部门管 由哪个单位管 归哪家单位管 归口哪个部门 归口哪个单位 由谁来管 谁来抓 ",
    "由谁来抓 谁抓 由谁抓 谁挑头 谁来挑头 由谁挑头 谁唱主角 谁来牵头 由谁来牵头 归谁负责 归哪个部门 归哪个单位 归哪家 归哪家单位 ",
    "归哪家部门 归哪个局 归口哪家 归哪个部门负责 归哪个单位负责 谁在管 哪个部门在管 哪个单位在管 哪家管 哪个部门管 哪个单位管 谁来统筹 谁统筹 谁在抓 由谁在抓 哪个部门在抓 哪个单位在抓 谁牵头 由谁牵头 归哪块管 归哪块 哪块管 归哪个口 哪个口管 哪几家在管 哪些部门在管 哪些单位在管 哪家在管 哪个口子在管",
));

/// Every cue word with what it stands for.
pub fn cues() -> Vec<(String, Cue)> {
    // A loop over a table, not a chain of iterators: each link of a chain is code of its own
    // in the browser module.
    let lists = [
        (LEAD_CUES, Cue::Role(Family::Lead)),
        (JOIN_CUES, Cue::Role(Family::Join)),
        (ANY_CUES, Cue::Role(Family::Any)),
        (SHARE_CUES, Cue::Share),
        (WHO_CUES, Cue::Who),
        (COUNT_CUES, Cue::Count),
        (WHO_LEADS, Cue::WhoLeads),
        (ASK_WORDS, Cue::Ask),
    ];
    let mut out = Vec::new();
    for (words, cue) in lists {
        for w in words.iter() {
            out.push((w.to_string(), cue));
        }
    }
    for (w, s) in structural_phrases() {
        out.push((w, Cue::Structural(s)));
    }
    for w in position_phrases() {
        out.push((w, Cue::Position));
    }
    out
}

/// How several named units combine, as a run of filler between or after them said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// 共同 / 都 / 一起: the measures where every unit holds the role.
    All,
    /// 或 / 或者, or units simply listed: the measures of any of them, each unit's listed apart.
    Any,
}

impl Combine {
    pub fn as_str(self) -> &'static str {
        match self {
            Combine::All => "all",
            Combine::Any => "any",
        }
    }
}

impl Structural {
    pub fn as_str(self) -> &'static str {
        match self {
            Structural::NoLead => "no_lead",
            Structural::OnlyResponsible => "only_responsible",
            Structural::NoUnits => "no_units",
        }
    }

    /// Whether a measure with these printed unit lists has the shape asked about.
    pub fn holds(self, lead: &[String], support: &[String], responsible: &[String]) -> bool {
        match self {
            Structural::NoLead => lead.is_empty(),
            Structural::OnlyResponsible => lead.is_empty() && support.is_empty() && !responsible.is_empty(),
            Structural::NoUnits => lead.is_empty() && support.is_empty() && responsible.is_empty(),
        }
    }
}
