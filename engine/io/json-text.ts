/**
 * JSON with places. `JSON.parse` reports a position only for some errors and
 * its wording changes between V8 versions, so on failure a small syntax scan
 * finds the first bad character itself and the error names line and column.
 */
import { AppFailure } from '../../contract/result.js'

export interface TextPlace {
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
}

export interface JsonSyntaxError extends TextPlace {
  reason: string
}

/** Parses JSON or throws `import-failed` naming the file, line, column and what was expected. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const syntax = findJsonSyntaxError(text)
    const detail = syntax
      ? `line ${syntax.line}, column ${syntax.column}: ${syntax.reason}`
      : error instanceof Error
        ? error.message
        : String(error)
    throw new AppFailure('import-failed', `${file}: invalid JSON at ${detail}`)
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new JsonScanner(text)
  try {
    scanner.document()
    return null
  } catch (error) {
    if (!(error instanceof ScanError)) throw error
    return { ...placeAt(text, error.offset), reason: error.message }
  }
}

/**
 * The line on which each element of a top-level JSON array starts, so that a
 * record rejected after parsing can still be found in the file. `text` must be
 * valid JSON.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectingElement = false
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]
    if (character === '\n') line += 1
    if (inString) {
      if (character === '\\') index += 1
      else if (character === '"') inString = false
      continue
    }
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') continue
    if (depth === 1 && expectingElement && character !== ']') {
      lines.push(line)
      expectingElement = false
    }
    if (character === '"') inString = true
    else if (character === '[' || character === '{') {
      depth += 1
      if (depth === 1) expectingElement = true
    } else if (character === ']' || character === '}') depth -= 1
    else if (character === ',' && depth === 1) expectingElement = true
  }
  return lines
}

export function placeAt(text: string, offset: number): TextPlace {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1
    lineStart = index + 1
  }
  return { line, column: offset - lineStart + 1 }
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message)
  }
}

const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const LITERALS = ['true', 'false', 'null']

class JsonScanner {
  private position = 0

  constructor(private readonly text: string) {}

  document(): void {
    this.value()
    this.whitespace()
    if (this.position < this.text.length) this.fail('end of input after the top-level value')
  }

  private value(): void {
    this.whitespace()
    const character = this.text[this.position]
    if (character === '{') this.object()
    else if (character === '[') this.array()
    else if (character === '"') this.string()
    else if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) this.number()
    else {
      const literal = LITERALS.find((word) => this.text.startsWith(word, this.position))
      if (!literal) this.fail('a value')
      this.position += literal?.length ?? 0
    }
  }

  private object(): void {
    this.position += 1
    this.whitespace()
    if (this.text[this.position] === '}') {
      this.position += 1
      return
    }
    for (;;) {
      this.whitespace()
      if (this.text[this.position] !== '"') this.fail('a property name in double quotes')
      this.string()
      this.whitespace()
      if (this.text[this.position] !== ':') this.fail("':' after the property name")
      this.position += 1
      this.value()
      this.whitespace()
      const next = this.text[this.position]
      this.position += 1
      if (next === '}') return
      if (next !== ',') this.fail("',' or '}' after the property value", this.position - 1)
    }
  }

  private array(): void {
    this.position += 1
    this.whitespace()
    if (this.text[this.position] === ']') {
      this.position += 1
      return
    }
    for (;;) {
      this.value()
      this.whitespace()
      const next = this.text[this.position]
      this.position += 1
      if (next === ']') return
      if (next !== ',') this.fail("',' or ']' after the array element", this.position - 1)
    }
  }

  private string(): void {
    const start = this.position
    this.position += 1
    for (;;) {
      const character = this.text[this.position]
      if (character === undefined) this.fail(`the closing quote of the string opened at column ${placeAt(this.text, start).column}`)
      if (character === '"') {
        this.position += 1
        return
      }
      if (character === '\\') {
        const escaped = this.text[this.position + 1] ?? ''
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position + 2, this.position + 6))) this.fail('four hex digits after \\u')
          this.position += 6
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') this.position += 2
        else this.fail('a valid escape after \\')
        continue
      }
      if (character < ' ') this.fail('no raw control characters (such as a line break) inside a string')
      this.position += 1
    }
  }

  private number(): void {
    NUMBER_PATTERN.lastIndex = this.position
    const match = NUMBER_PATTERN.exec(this.text)
    if (!match) this.fail('a number')
    this.position += match?.[0].length ?? 0
  }

  private whitespace(): void {
    while (this.position < this.text.length && ' \t\n\r'.includes(this.text[this.position] ?? '')) this.position += 1
  }

  private fail(expected: string, at: number = this.position): never {
    const found = this.text[at]
    const what = found === undefined ? 'end of input' : `${JSON.stringify(found)}`
    throw new ScanError(at, `unexpected ${what}, expected ${expected}`)
  }
}
