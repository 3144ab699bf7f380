// The answer as CSV for spreadsheet programs, with formula injection defused.

/** Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (OWASP "CSV injection"), plus line breaks and the full-width forms a CJK input method may
 * turn into them. */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/u;

/** One CSV cell, quoted, with formula-looking text defused (a leading ') for spreadsheet programs. */
export function csvCell(value) {
  let s = value == null ? '' : String(value);
  if (FORMULA_START.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

/** The answer as CSV text (UTF-8 BOM, CRLF) that Excel opens with the Chinese intact;
 * `roleLabels` (PlanLookup.LABELS.roleShort) names the roles, which are otherwise left as
 * machine names. */
export function answerToCsv(answer, roleLabels = {}) {
  const header = ['地区', '角色', '单位', '计划', '章节', '编号', '序号', '标题', '全文', '牵头单位', '参加/配合单位', '责任单位', '通过统称'];
  const rows = [header];
  for (const r of answer.results) {
    rows.push([
      r.jurisdiction,
      roleLabels[r.role] ?? r.role,
      r.unit ?? '',
      r.plan,
      r.path.join(' › '),
      r.number ?? '',
      r.seq,
      r.title,
      r.text,
      r.lead.join('、'),
      r.support.join('、'),
      r.responsible.join('、'),
      r.via ?? '',
    ]);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for the CSV of `question`: plan-lookup-<question, made safe>.csv. */
export function csvFileName(question) {
  return `plan-lookup-${question.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'answer'}.csv`;
}
