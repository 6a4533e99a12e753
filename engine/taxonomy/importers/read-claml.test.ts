import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeText } from '../../io/decode-text.js'
import { parseClaml, readClaml } from './read-claml.js'

// A hand-written miniature of the WHO ICD-10 ClaML: one chapter, one block,
// two categories (one with subcodes), German and English labels, a mixed-content
// label, an inclusion, an exclusion and a modifier.
const CLAML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ClaML SYSTEM "ClaML.dtd">
<ClaML version="2.0.0">
  <Meta name="lang" value="en"/>
  <Identifier authority="WHO" uid="icd10"/>
  <Title name="ICD-10" version="2019" date="2019-01-01">International Statistical Classification of Diseases &amp; Related Health Problems</Title>
  <ClassKinds><ClassKind name="chapter"/><ClassKind name="block"/><ClassKind name="category"/></ClassKinds>
  <RubricKinds><RubricKind name="preferred" unique="true"/><RubricKind name="inclusion"/><RubricKind name="exclusion"/></RubricKinds>
  <Modifier code="S04F10_4"><SubClass code=".0"/><Rubric kind="text"><Label xml:lang="en">closed</Label></Rubric></Modifier>
  <!-- <Class code="COMMENTED" kind="category"> must not shift the line numbers -->
  <Class code="I" kind="chapter">
    <SubClass code="A00-A09"/>
    <Rubric id="r1" kind="preferred">
      <Label xml:lang="en" xml:space="default">Certain infectious and parasitic diseases</Label>
      <Label xml:lang="de">Bestimmte infektiöse und parasitäre Krankheiten</Label>
    </Rubric>
  </Class>
  <Class code="A00-A09" kind="block">
    <SuperClass code="I"/>
    <SubClass code="A00"/>
    <Rubric kind="preferred"><Label xml:lang="en">Intestinal infectious diseases</Label></Rubric>
  </Class>
  <Class code="A00" kind="category">
    <SuperClass code="A00-A09"/>
    <SubClass code="A00.0"/><SubClass code="A00.9"/>
    <Rubric kind="preferred"><Label xml:lang="en">Cholera</Label></Rubric>
  </Class>
  <Class code="A00.0" kind="category">
    <SuperClass code="A00"/>
    <Rubric kind="preferred"><Label xml:lang="en">Cholera due to <Term class="italic">Vibrio cholerae</Term> 01,
      biovar cholerae</Label></Rubric>
    <Rubric kind="inclusion"><Label xml:lang="en">Classical cholera</Label></Rubric>
    <Rubric kind="exclusion"><Label xml:lang="en">Cholera-like diarrhoea (<Reference>A04.8</Reference>)</Label></Rubric>
  </Class>
  <Class code="A00.9" kind="category">
    <SuperClass code="A00"/>
    <Rubric kind="preferred"><Label xml:lang="en">Cholera, unspecified</Label></Rubric>
    <Rubric kind="preferredLong"><Label xml:lang="en">Cholera, not otherwise specified</Label></Rubric>
  </Class>
  <Class code="A01" kind="category">
    <SuperClass code="A00-A09"/>
    <ModifiedBy code="S04F10_4"/>
    <Rubric kind="preferred"><Label xml:lang="en">Typhoid and paratyphoid fevers</Label></Rubric>
    <Rubric kind="inclusion"><Label xml:lang="en">Enteric fever</Label></Rubric>
  </Class>
  <Class code="Z99.9" kind="category">
    <SuperClass code="Z99"/>
    <Rubric kind="preferred"><Label xml:lang="en">Dependence on unspecified enabling machine</Label></Rubric>
  </Class>
  <Class code="A02" kind="category">
    <SuperClass code="A00-A09"/>
  </Class>
</ClaML>
`

function source(text: string, file = 'icd10.xml') {
  return { file, bytes: encodeText(text, 'utf-8') }
}

describe('parseClaml', () => {
  it('reads chapters, blocks and categories with preferred titles and the hierarchy', () => {
    const { codeSet } = parseClaml(source(CLAML))
    expect(codeSet).toMatchObject({
      name: 'ICD-10',
      version: '2019',
      language: 'en',
      label: 'International Statistical Classification of Diseases & Related Health Problems',
    })
    expect(codeSet.codes).toEqual([
      { code: 'I', title: 'Certain infectious and parasitic diseases', parent: null, level: 'chapter', assignable: false },
      { code: 'A00-A09', title: 'Intestinal infectious diseases', parent: 'I', level: 'block', assignable: false },
      { code: 'A00', title: 'Cholera', parent: 'A00-A09', level: 'category', assignable: false },
      { code: 'A00.0', title: 'Cholera due to Vibrio cholerae 01, biovar cholerae', parent: 'A00', level: 'code', assignable: true },
      { code: 'A00.9', title: 'Cholera, unspecified', parent: 'A00', level: 'code', assignable: true },
      { code: 'A01', title: 'Typhoid and paratyphoid fevers', parent: 'A00-A09', level: 'category', assignable: true },
    ])
  })

  it('turns inclusions and a differing long title into synonyms, never exclusions', () => {
    const { codeSet } = parseClaml(source(CLAML))
    expect(codeSet.terms).toEqual([
      { code: 'A00.0', term: 'Classical cholera', language: 'en', kind: 'synonym' },
      { code: 'A00.9', term: 'Cholera, not otherwise specified', language: 'en', kind: 'synonym' },
      { code: 'A01', term: 'Enteric fever', language: 'en', kind: 'synonym' },
    ])
  })

  it('rejects a class without a preferred label or with an absent superclass, naming its line', () => {
    const { rejects } = parseClaml(source(CLAML))
    expect(rejects).toEqual([
      { file: 'icd10.xml', line: 46, reason: 'Z99.9: parent Z99 is not in the code set' },
      { file: 'icd10.xml', line: 50, reason: 'A02: no preferred rubric label' },
    ])
  })

  it('takes titles in the requested language and lets options override the title', () => {
    const { codeSet } = parseClaml(source(CLAML), { language: 'de', name: 'icd10-who', version: '2019-de', label: 'ICD-10 (de)' })
    expect(codeSet).toMatchObject({ name: 'icd10-who', version: '2019-de', language: 'de', label: 'ICD-10 (de)' })
    expect(codeSet.codes[0]?.title).toBe('Bestimmte infektiöse und parasitäre Krankheiten')
    // No German label: the class keeps its English one rather than being dropped.
    expect(codeSet.codes[1]?.title).toBe('Intestinal infectious diseases')
  })

  it('names the line and column of malformed XML', () => {
    const broken = CLAML.replace('<Rubric kind="preferred"><Label xml:lang="en">Cholera</Label></Rubric>', '<Rubric kind="preferred"><Label xml:lang="en">Cholera</Rubric>')
    expect(() => parseClaml(source(broken))).toThrow(/^icd10.xml: malformed XML at line 26, column \d+: .*Label/)
  })

  it('refuses a file without a ClaML root or title', () => {
    expect(() => parseClaml(source('<?xml version="1.0"?><Other/>'))).toThrow('icd10.xml: no <ClaML> root element; is this a ClaML file?')
    expect(() => parseClaml(source('<ClaML><Class code="A" kind="chapter"/></ClaML>'))).toThrow(/lacks a name or version/)
  })
})

describe('readClaml', () => {
  const directory = mkdtempSync(join(tmpdir(), 'clinicoco-claml-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('reads a file from disk, BOM and all', () => {
    const path = join(directory, 'icd10.xml')
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLAML, 'utf8')]))
    expect(readClaml(path).codeSet.codes).toHaveLength(6)
  })

  it('refuses an encoding it cannot read strictly', () => {
    const path = join(directory, 'latin.xml')
    writeFileSync(path, CLAML.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'))
    expect(() => readClaml(path)).toThrow(/declares encoding iso-8859-1, which is not supported/)
  })
})
