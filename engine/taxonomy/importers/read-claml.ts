/**
 * A WHO ClaML file (the XML format WHO, BfArM and others publish ICD-10 in):
 * `<Title name version>`, then `<Class code kind>` with `<SuperClass code>`
 * and `<Rubric kind>` / `<Label xml:lang>`.
 *
 * The `preferred` rubric is the title (`preferredLong` when there is no
 * `preferred`); `inclusion` rubrics and a differing `preferredLong` become
 * `synonym` terms; exclusions, notes and coding hints are not terms and are
 * skipped. Modifiers (`<Modifier>`, `<ModifiedBy>`: the optional 5th
 * characters of some WHO chapters) are ignored, so a modified category stays a
 * leaf at its own level; so is the dagger/asterisk `usage`.
 *
 * Class lines are found by scanning for `<Class` tags, since the XML parser
 * keeps no positions; a `<Class` inside a comment or CDATA is skipped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { AppFailure } from '../../../contract/result.js'
import { decodeText, type DeclaredEncoding } from '../../io/decode-text.js'
import { readSourceFile, type SourceFile } from '../../io/source-file.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeLevel, CodeTerm } from '../code-set-data.js'
import type { CodeSetImport } from './code-set-import.js'
import { isCategoryCode } from './code-ranges.js'
import { pruneHierarchy, type LocatedEntry } from './prune-hierarchy.js'

export interface ClamlOptions {
  /** Defaults to `<Title name>`. */
  name?: string
  /** Defaults to `<Title version>`. */
  version?: string
  /** Defaults to the `<Title>` text, else name and version. */
  label?: string
  /** Language of titles to take where labels come in several; defaults to the first preferred label's `xml:lang`. */
  language?: string
}

/** A parsed XML node in fast-xml-parser's `preserveOrder` shape. */
type XmlNode = Record<string, unknown>

interface ParsedClass {
  code: string
  kind: string
  superClass: string | null
  labels: Array<{ rubric: string; language: string; text: string }>
  line: number
}

const ATTRIBUTES_KEY = ':@'
const TEXT_KEY = '#text'
const XML_DECLARATION_BYTES = 200

export function readClaml(path: string, options: ClamlOptions = {}): CodeSetImport {
  return parseClaml(readSourceFile(path), options)
}

export function parseClaml(source: SourceFile, options: ClamlOptions = {}): CodeSetImport {
  const text = decodeXml(source)
  const validation = XMLValidator.validate(text)
  if (validation !== true) {
    const { line, col, msg } = validation.err
    throw new AppFailure('import-failed', `${source.file}: malformed XML at line ${line}, column ${col}: ${msg}`)
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  })
  const document = parser.parse(text) as XmlNode[]
  const root = document.find((node) => 'ClaML' in node)
  if (!root) throw new AppFailure('import-failed', `${source.file}: no <ClaML> root element; is this a ClaML file?`)
  const children = childNodes(root, 'ClaML')
  const titleNode = children.find((node) => 'Title' in node)
  const titleAttributes = titleNode ? attributes(titleNode) : {}
  const name = options.name ?? titleAttributes['name']
  const version = options.version ?? titleAttributes['version']
  if (!name || !version) {
    throw new AppFailure('import-failed', `${source.file}: <Title> lacks a name or version; give them as import options.`)
  }
  const titleText = titleNode ? collapse(textOf(childNodes(titleNode, 'Title'))) : ''
  const classLines = classTagLines(text)
  const classes = children
    .filter((node) => 'Class' in node)
    .map((node, index) => readClass(node, classLines[index] ?? 0))
  const language = options.language ?? firstPreferredLanguage(classes) ?? 'en'

  const rejects: ImportReject[] = []
  const located: LocatedEntry[] = []
  const terms: CodeTerm[] = []
  const seen = new Map<string, number>()
  for (const parsed of classes) {
    const earlier = seen.get(parsed.code)
    const preferred = pickLabel(parsed, 'preferred', language) ?? pickLabel(parsed, 'preferredLong', language)
    let problem: string | null = null
    if (parsed.code === '') problem = '<Class> without a code'
    else if (earlier !== undefined) problem = `${parsed.code}: class already given on line ${earlier}`
    else if (!preferred) problem = `${parsed.code}: no preferred rubric label`
    if (problem || !preferred) {
      rejects.push({ file: source.file, line: parsed.line, reason: problem ?? 'no preferred rubric label' })
      continue
    }
    seen.set(parsed.code, parsed.line)
    const level = levelOf(parsed)
    located.push({
      entry: { code: parsed.code, title: preferred, parent: parsed.superClass, level, assignable: false },
      file: source.file,
      line: parsed.line,
    })
    const synonyms = new Set<string>()
    for (const label of parsed.labels) {
      const isSynonym = label.rubric === 'inclusion' || (label.rubric === 'preferredLong' && label.text !== preferred)
      if (!isSynonym || label.language !== language || label.text === '' || label.text === preferred) continue
      if (synonyms.has(label.text)) continue
      synonyms.add(label.text)
      terms.push({ code: parsed.code, term: label.text, language, kind: 'synonym' })
    }
  }

  const pruned = pruneHierarchy(located)
  rejects.push(...pruned.rejects)
  rejects.sort((left, right) => left.line - right.line)
  const parents = new Set(pruned.entries.map((entry) => entry.parent))
  for (const entry of pruned.entries) {
    entry.assignable = (entry.level === 'category' || entry.level === 'code') && !parents.has(entry.code)
  }
  const kept = new Set(pruned.entries.map((entry) => entry.code))
  return {
    codeSet: {
      name,
      version,
      language,
      label: options.label ?? (titleText !== '' ? titleText : `${name} ${version}`),
      codes: pruned.entries,
      terms: terms.filter((term) => kept.has(term.code)),
    },
    rejects,
  }
}

/**
 * The XML declaration names the encoding; a BOM or the declaration decides,
 * and an encoding we cannot read strictly is refused rather than guessed.
 */
function decodeXml(source: SourceFile): string {
  const head = String.fromCharCode(...source.bytes.subarray(0, XML_DECLARATION_BYTES))
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase()
  let encoding: DeclaredEncoding = 'auto'
  if (declared === 'utf-8' || declared === 'utf8') encoding = 'utf-8'
  else if (declared === 'gb18030' || declared === 'gbk' || declared === 'gb2312') encoding = 'gb18030'
  else if (declared !== undefined && declared !== 'utf-16') {
    throw new AppFailure('import-failed', `${source.file}: declares encoding ${declared}, which is not supported; convert it to UTF-8.`)
  }
  return decodeText(source.bytes, encoding, source.file).text
}

function readClass(node: XmlNode, line: number): ParsedClass {
  const classAttributes = attributes(node)
  const parsed: ParsedClass = {
    code: (classAttributes['code'] ?? '').trim(),
    kind: (classAttributes['kind'] ?? '').trim(),
    superClass: null,
    labels: [],
    line,
  }
  for (const child of childNodes(node, 'Class')) {
    if ('SuperClass' in child && parsed.superClass === null) {
      const code = (attributes(child)['code'] ?? '').trim()
      if (code !== '') parsed.superClass = code
    }
    if ('Rubric' in child) {
      const rubric = attributes(child)['kind'] ?? ''
      for (const labelNode of childNodes(child, 'Rubric')) {
        if (!('Label' in labelNode)) continue
        const language = attributes(labelNode)['xml:lang'] ?? ''
        parsed.labels.push({ rubric, language, text: collapse(textOf(childNodes(labelNode, 'Label'))) })
      }
    }
  }
  return parsed
}

function levelOf(parsed: ParsedClass): CodeLevel {
  if (parsed.kind === 'chapter') return 'chapter'
  if (parsed.kind === 'block') return 'block'
  return parsed.kind === 'category' && isCategoryCode(parsed.code) ? 'category' : 'code'
}

function pickLabel(parsed: ParsedClass, rubric: string, language: string): string | undefined {
  const labels = parsed.labels.filter((label) => label.rubric === rubric && label.text !== '')
  return (labels.find((label) => label.language === language) ?? labels[0])?.text
}

function firstPreferredLanguage(classes: ParsedClass[]): string | undefined {
  for (const parsed of classes) {
    const label = parsed.labels.find((candidate) => candidate.rubric === 'preferred' && candidate.language !== '')
    if (label) return label.language
  }
  return undefined
}

function childNodes(node: XmlNode, name: string): XmlNode[] {
  const value = node[name]
  return Array.isArray(value) ? (value as XmlNode[]) : []
}

function attributes(node: XmlNode): Record<string, string> {
  const value = node[ATTRIBUTES_KEY]
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {}
}

/** Mixed content in document order: `Cholera <Reference>…</Reference> due to …`. */
function textOf(nodes: XmlNode[]): string {
  let text = ''
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ATTRIBUTES_KEY) continue
      if (key === TEXT_KEY) text += String(value)
      else if (Array.isArray(value)) text += textOf(value as XmlNode[])
    }
  }
  return text
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function classTagLines(text: string): number[] {
  const lines: number[] = []
  const pattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<Class[\s/>]/g
  let line = 1
  let counted = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let index = text.indexOf('\n', counted); index >= 0 && index < match.index; index = text.indexOf('\n', index + 1)) {
      line += 1
    }
    counted = match.index
    if (match[0].startsWith('<Class')) lines.push(line)
  }
  return lines
}
