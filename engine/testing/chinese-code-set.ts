/**
 * Test support: a small Chinese clinical code set shaped like the national
 * clinical edition (categories, codes, extension codes under them), written
 * here with made-up code numbers — only the structure and the clinical words
 * matter to the tests, and nothing is taken from a published table.
 */
import type { CodeEntry, CodeSetData } from '../taxonomy/code-set-data.js'

function entries(category: string, title: string, codes: ReadonlyArray<readonly [code: string, title: string, parent?: string]>): CodeEntry[] {
  return [
    { code: category, title, parent: 'T00-T99', level: 'category', assignable: false },
    ...codes.map(([code, codeTitle, parent]) => ({ code, title: codeTitle, parent: parent ?? category, level: 'code' as const, assignable: true })),
  ]
}

const codes: CodeEntry[] = [
  { code: 'T00-T99', title: '测试章', parent: null, level: 'chapter', assignable: false },
  ...entries('T10', '高血压', [
    ['T10.000', '特发性高血压'],
    ['T10.000x002', '高血压', 'T10.000'],
    ['T10.000x031', '高血压病3级（高危）', 'T10.000'],
    ['T10.000x032', '高血压病3级（极高危）', 'T10.000'],
    ['T10.000x028', '高血压病2级（极高危）', 'T10.000'],
    ['T10.005', '高血压3级'],
  ]),
  ...entries('T20', '心绞痛', [
    ['T20.000', '不稳定型心绞痛'],
    ['T20.801', '稳定型心绞痛'],
    ['T20.900', '心绞痛'],
  ]),
  ...entries('T25', '慢性缺血性心脏病', [['T25.103', '冠状动脉粥样硬化性心脏病']]),
  ...entries('T11', '2型糖尿病', [
    ['T11.900', '2型糖尿病'],
    ['T11.201', '2型糖尿病性肾病'],
  ]),
  ...entries('T12', '1型糖尿病', [['T12.900', '1型糖尿病']]),
  ...entries('T91', '肺诊断性影像检查的异常所见', [['T91.011', '孤立性肺结节']]),
  ...entries('T86', '结节病', [['T86.000', '肺结节病']]),
  ...entries('T16', '呼吸道结核', [['T16.200', '肺结核']]),
  ...entries('T63', '脑梗死', [['T63.900', '脑梗死']]),
  ...entries('T87', '个人史', [['T87.703', '脑梗死个人史']]),
  ...entries('T44', '慢性阻塞性肺病', [
    ['T44.100', '慢性阻塞性肺病伴有急性加重'],
    ['T44.900', '慢性阻塞性肺病'],
  ]),
  ...entries('T48', '心房颤动和扑动', [
    ['T48.001', '心房颤动'],
    ['T48.002', '阵发性心房颤动'],
    ['T48.012', '急性心房颤动'],
  ]),
  ...entries('T78', '脂蛋白代谢紊乱', [['T78.500', '高脂血症']]),
  ...entries('T88', '电解质紊乱', [['T88.600', '低钾血症']]),
]

export const CHINESE_TEST_CODE_SET: CodeSetData = {
  name: 'cn-test',
  version: '2.0-test',
  language: 'zh',
  label: 'Chinese clinical test code set',
  codes,
  terms: [],
}
