//! Layouts met in real published plans (tests/corpus, batches G–J), each cut to the few lines
//! that show it: what the reader must make of them. Expected roles are read off the lines
//! themselves. The whole documents are scored by tests/corpus.rs.

use plan_lookup::ingest::ingest_text;
use plan_lookup::model::{Document, Measure};

fn read(text: &str) -> Document {
    ingest_text("t.txt", text).unwrap_or_else(|e| panic!("not read: {e}"))
}

/// The measure whose text starts with `head`.
fn measure<'a>(doc: &'a Document, head: &str) -> &'a Measure {
    doc.measures
        .iter()
        .find(|m| m.text.starts_with(head))
        .unwrap_or_else(|| panic!("no measure starts with {head}; read: {:?}", doc.measures.iter().map(|m| &m.text).collect::<Vec<_>>()))
}

fn names(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

fn roles(m: &Measure) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    (names(&m.lead), names(&m.support), names(&m.responsible))
}

fn warned(doc: &Document, words: &str) -> bool {
    doc.warnings.iter().any(|w| w.message.contains(words))
}

#[test]
fn an_unnumbered_row_under_a_merged_unit_cell_takes_the_units_above() {
    let doc = read(
        "2016年民生实事目标任务分解表\n序号\n民生实事\n责任单位\n完成时限\n\
         5\n开工建设县老年养护楼。\n县民政局\n5月底前动工\n开工建设老年大学。\n12月底前\n\
         6\n迁建县政务服务中心。\n县政务服务中心\n12月底前\n",
    );
    let m = measure(&doc, "开工建设老年大学");
    assert_eq!(roles(m), (vec![], vec![], vec!["县民政局"]));
    assert_eq!(m.deadline, "12月底前", "the row keeps its own deadline");
    assert!(warned(&doc, "took the units of the row above"), "{:?}", doc.warnings);
    assert_eq!(roles(measure(&doc, "迁建县政务服务中心")), (vec![], vec![], vec!["县政务服务中心"]));
}

#[test]
fn a_unit_cell_that_names_its_own_roles_and_section_cells_before_the_item() {
    let doc = read(
        "2025年某县食品安全重点工作任务清单\n| 工作目标 | 工作内容 | 工作措施 | 责任单位 | 完成时限 |\n\
         | 一、加大食品安全突出问题治理力度 | (一)强化源头治理 | 1.加强农用地土壤重金属污染源头防控。 | 县生态环境分局牵头,各有关部门按照职责分工负责 | 2025年11月底前 |\n\
         | 2.持续开展农药科学施用增效行动。 | 县农业农村局 | 2025年11月底前 | ||\n",
    );
    let first = measure(&doc, "加强农用地土壤重金属污染源头防控");
    assert_eq!(first.number.as_deref(), Some("1"), "the item is the deepest numbered cell");
    assert_eq!(roles(first), (vec!["县生态环境分局"], vec!["各有关部门"], vec![]));
    assert_eq!(roles(measure(&doc, "持续开展农药科学施用增效行动")), (vec![], vec![], vec!["县农业农村局"]));
}

#[test]
fn a_row_missing_a_cell_is_read_by_what_its_cells_are_and_two_roles_may_share_a_header() {
    // 全年目标任务 is empty in every row and left no line; 责任主体与协同单位 names two roles.
    let doc = read(
        "重点民生实事项目推进情况\n序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n责任主体与协同单位 |\n\
         24 |\n优化提升50条背街后巷交通组织。 |\n徐国江 |\n城管局 |\n市政局、相关街道 |\n\
         25 |\n新建建筑垃圾中转站8个。 |\n徐国江 |\n城管局 |\n市政局、各街道 |\n",
    );
    let m = measure(&doc, "优化提升50条背街后巷交通组织");
    assert_eq!(roles(m), (vec!["城管局"], vec!["市政局", "相关街道"], vec![]));
    assert_eq!(roles(measure(&doc, "新建建筑垃圾中转站8个")), (vec!["城管局"], vec!["市政局", "各街道"], vec![]));
}

#[test]
fn a_bracket_of_bare_unit_names_after_a_sentence_or_title_is_who_is_responsible() {
    let doc = read(
        "第46次擴大主管會報縣長裁示事項\n 1、在過年期間要準備寒冬送暖事宜。(民政局)\n 2、有關財務的調度及資金運用要做好各項準備工作。(財政局)\n",
    );
    assert_eq!(roles(measure(&doc, "在過年期間要準備寒冬送暖事宜")), (vec![], vec![], vec!["民政局"]));
    assert_eq!(roles(measure(&doc, "有關財務的調度")), (vec![], vec![], vec!["財政局"]));
    let doc = read(
        "某局普法责任清单\n一、重点普法内容及责任部门\n(一)《中华人民共和国监狱法》(监狱管理局)\n\
         (二)《公证法》《公证投诉处理办法(试行)》(市局公证工作管理处)\n",
    );
    assert_eq!(roles(measure(&doc, "《中华人民共和国监狱法》")), (vec![], vec![], vec!["监狱管理局"]));
    let m = measure(&doc, "《公证法》");
    assert_eq!(roles(m), (vec![], vec![], vec!["市局公证工作管理处"]), "(试行) inside a title is the title's");
}

#[test]
fn a_bracket_inside_a_sentence_qualifies_the_words_before_it() {
    let doc = read("某区法治政府建设工作要点\n1.开展“民主法治示范村(社区)”创建活动,完善普法责任清单制度。(责任单位:区司法局)\n");
    assert_eq!(doc.measures.len(), 1, "{:?}", doc.measures.iter().map(|m| &m.text).collect::<Vec<_>>());
    assert_eq!(roles(&doc.measures[0]), (vec![], vec![], vec!["区司法局"]));
}

#[test]
fn a_labelled_clause_inside_the_text_and_remarks_after_it() {
    let doc = read(
        "二、部分项目进展情况\n1、农村道路畅通工程,牵头部门:市交通局。建设进度相对较慢的县区为舒城县。\n\
         2、棚户区改造,牵头单位:市住建局。其中,新开工进度较慢的为舒城县、金安区。\n",
    );
    let m = measure(&doc, "农村道路畅通工程");
    assert_eq!(roles(m), (vec!["市交通局"], vec![], vec![]));
    assert_eq!(m.text, "农村道路畅通工程。建设进度相对较慢的县区为舒城县。");
    assert_eq!(roles(measure(&doc, "棚户区改造")), (vec!["市住建局"], vec![], vec![]));
}

#[test]
fn a_prose_label_word_is_no_clause_inside_the_text() {
    // The first label inside the text must give unit names, or there is no clause.
    let doc = read("某县工作要点\n1、牵头单位要切实负起责任,定期调度。(责任单位:县政府办)\n2、加强督查。(责任单位:县督查室)\n");
    assert_eq!(roles(measure(&doc, "牵头单位要切实负起责任")), (vec![], vec![], vec!["县政府办"]));
}

#[test]
fn unnumbered_blocks_of_a_problem_and_its_responsible_units() {
    let doc = read(
        "某县第16次实地督查问题曝光通报\n明馨园小区\n存在问题:公示栏、公益广告管理不到位,电动车乱停放。\n责任单位:嵩阳街道\n\
         黄龙街县医院路段\n存在问题:电动车乱停放,占据人行道。\n责任单位:县卫生健康局、县公安局\n",
    );
    assert_eq!(doc.measures.len(), 2, "{:?}", doc.measures.iter().map(|m| &m.text).collect::<Vec<_>>());
    assert_eq!(roles(measure(&doc, "存在问题:公示栏")), (vec![], vec![], vec!["嵩阳街道"]));
    assert_eq!(roles(measure(&doc, "存在问题:电动车乱停放")), (vec![], vec![], vec!["县卫生健康局", "县公安局"]));
}

#[test]
fn a_clause_broken_inside_a_unit_name_is_still_joined() {
    let doc = read(
        "某市法治政府建设实施方案\n72.推动政府督查规范化建设。贯彻实施《政府督查工作条例》。（牵头单位：市政府办\n公室，参加单位：市政府各部门）\n",
    );
    assert_eq!(roles(measure(&doc, "推动政府督查规范化建设")), (vec!["市政府办公室"], vec!["市政府各部门"], vec![]));
}

#[test]
fn who_does_it_said_in_the_text_when_no_clause_says_it() {
    let doc = read(
        "某县双创问题整改通知\n1、西大桥西侧河边堤岸有垃圾死角。\n整改要求:由县环卫站负责清除上述地段垃圾死角。\n\
         2、迎宾大道南围墙上有野广告。\n整改要求:由包片单位县气象局、县供销社负责清除。\n3、原安运司院落内杂物乱堆。\n",
    );
    assert_eq!(roles(measure(&doc, "西大桥西侧河边堤岸")), (vec![], vec![], vec!["县环卫站"]));
    assert_eq!(roles(measure(&doc, "迎宾大道南围墙上")), (vec![], vec![], vec!["县气象局", "县供销社"]));
    assert!(warned(&doc, "responsible units read from its text: 由县环卫站负责"), "{:?}", doc.warnings);
    // 由于 is no subject: an item saying nothing of who does it has no units, and says so.
    let doc = read("某县整改清单\n1、院内宣传栏破损。(县文明办)\n2、由于管理不到位,院落杂物乱堆。\n");
    assert_eq!(roles(measure(&doc, "由于管理不到位")), (vec![], vec![], vec![]));
    assert!(warned(&doc, "item 2 has no unit clause"), "{:?}", doc.warnings);
}

#[test]
fn agencies_farms_and_masked_names_read_as_units() {
    let doc = read(
        "任务分工方案\n1.推进信用制度建设。(县直有关部门、各乡镇场负责)\n2.稳定外贸。(责任单位:区商务局、吴江海关、县科协)\n\
         3.校园食品安全。(责任单位:****体育局、县财政局)\n",
    );
    assert_eq!(roles(measure(&doc, "推进信用制度建设")), (vec![], vec![], vec!["县直有关部门", "各乡镇场"]));
    assert_eq!(roles(measure(&doc, "稳定外贸")), (vec![], vec![], vec!["区商务局", "吴江海关", "县科协"]));
    assert_eq!(roles(measure(&doc, "校园食品安全")), (vec![], vec![], vec!["****体育局", "县财政局"]));
}

#[test]
fn rectification_deadlines_are_deadlines_not_units() {
    let doc = read(
        "具体问题如下:\n1. 市科技馆\n(1)院内电动车未按指定区域停放;\n(2)灭火器过期未更换;\n问题整改责任单位:市科技馆 整改时限:3天\n\
         2. 市第二人民医院\n(1)院内禁烟标识数量不达标;\n(2)宣传牌内容不规范。\n问题整改责任单位:市卫生健康委员会 整改时限:5天\n",
    );
    let m = measure(&doc, "灭火器过期未更换");
    assert_eq!(roles(m), (vec![], vec![], vec!["市科技馆"]));
    assert_eq!(m.deadline, "3天");
    let m = measure(&doc, "院内禁烟标识数量不达标");
    assert_eq!(roles(m), (vec![], vec![], vec!["市卫生健康委员会"]));
    assert_eq!(m.deadline, "5天");
}

#[test]
fn main_and_assisting_unit_columns_and_a_unit_list_ending_in_a_full_stop() {
    let doc = read(
        "谯城区2025年政府工作报告重点工作任务分解表\n序号 重点工作任务 主要责任单位 协同配合单位\n\
         1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府、街道办事处,谯城经开区管委会。\n\
         4 社会消费品零售总额增长8.2%左右。 区商务局 区发改委、区市场监管局。\n",
    );
    let m = measure(&doc, "地区生产总值增长6.5%左右");
    assert_eq!(roles(m), (vec!["区发改委"], vec!["区政府各部门", "各乡镇人民政府", "街道办事处", "谯城经开区管委会"], vec![]));
    assert_eq!(roles(measure(&doc, "社会消费品零售总额")), (vec!["区商务局"], vec!["区发改委", "区市场监管局"], vec![]));
}

#[test]
fn an_item_number_before_a_year_word_is_no_date() {
    // "4.加强青少年…" holds 年 but is a task, not a 完成时限 cell.
    let doc = read("分工方案\n项目\n具体项目\n牵头单位\n责任单位\n一、宪法\n3.将宪法列为学习重要内容。\n区委宣传部\n区司法局\n4.加强青少年宪法法律教育。\n区教育局\n区司法局、团区委\n");
    assert_eq!(roles(measure(&doc, "加强青少年宪法法律教育")), (vec!["区教育局"], vec!["区司法局", "团区委"], vec![]));
    assert_eq!(roles(measure(&doc, "将宪法列为学习重要内容")), (vec!["区委宣传部"], vec!["区司法局"], vec![]));
}

#[test]
fn a_clause_left_over_from_the_page_before_is_no_measure() {
    // An extract starting after its first task: the clause alone on the first line has no task
    // here to belong to; it is left out, and said.
    let doc = read(
        "责任单位:各行政执法单位、市政府法制办。\n\
         (六)加强政府法制建设,发挥法律顾问职能。\n责任单位:市政府法制办。\n\
         (七)加强行政复议和行政应诉工作。\n责任单位:市司法局。\n",
    );
    assert_eq!(doc.measures.len(), 2, "{:?}", doc.measures.iter().map(|m| &m.text).collect::<Vec<_>>());
    assert_eq!(roles(measure(&doc, "加强政府法制建设")), (vec![], vec![], vec!["市政府法制办"]));
    assert!(warned(&doc, "a unit clause with no task before it was left out"));
}
