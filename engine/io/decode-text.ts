/**
 * Bytes → text for every importer, and text → bytes for exports. Hospital
 * exports arrive as UTF-8 (with or without BOM), UTF-16 from Excel's "Unicode
 * text", or GB18030/GBK from older Chinese HIS systems. A wrong guess must
 * never turn into silent U+FFFD: every decoder here is fatal, and a failure
 * names the file, the byte offset and the line of the first bad sequence.
 */
import iconv from 'iconv-lite'
import { AppFailure } from '../../contract/result.js'

export type DeclaredEncoding = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'gbk'
export type ExportEncoding = 'utf-8' | 'gb18030'

export interface DecodedText {
  text: string
  /** The encoding actually used: `utf-8`, `utf-16le`, `utf-16be`, `gb18030` or `gbk`. */
  encoding: string
}

type ConcreteEncoding = Exclude<DeclaredEncoding, 'auto'>

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const UTF16LE_BOM = [0xff, 0xfe]
const UTF16BE_BOM = [0xfe, 0xff]

// Fewer multi-byte sequences than this and a GB18030 text can be valid UTF-8 by
// chance (a two-byte GBK character is a valid UTF-8 pair about 1 time in 12),
// so the "declared GB18030 but the bytes are UTF-8" check only fires above it.
const UTF8_EVIDENCE_SEQUENCES = 4

// UTF-16 without a BOM shows as NUL bytes in every other position; sniff this
// many bytes to tell it from UTF-8 that happens to contain a NUL.
const UTF16_SNIFF_BYTES = 4096

export function decodeText(bytes: Uint8Array, declared: DeclaredEncoding, file: string): DecodedText {
  if (declared !== 'auto') return decodeDeclared(bytes, declared, file)
  if (startsWith(bytes, UTF8_BOM)) return { text: decodeStrict(bytes.subarray(3), 'utf-8', file, 3), encoding: 'utf-8' }
  if (startsWith(bytes, UTF16LE_BOM)) {
    return { text: decodeStrict(bytes.subarray(2), 'utf-16le', file, 2), encoding: 'utf-16le' }
  }
  if (startsWith(bytes, UTF16BE_BOM)) {
    return { text: decodeStrict(bytes.subarray(2), 'utf-16be', file, 2), encoding: 'utf-16be' }
  }
  const bomlessUtf16 = sniffBomlessUtf16(bytes)
  if (bomlessUtf16) return { text: decodeStrict(bytes, bomlessUtf16, file, 0), encoding: bomlessUtf16 }
  const utf8 = tryDecode(bytes, 'utf-8')
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' }
  const gb18030 = tryDecode(bytes, 'gb18030')
  if (gb18030 !== null) return { text: gb18030, encoding: 'gb18030' }
  const utf8Error = locateInvalid(bytes, 'utf-8', 0)
  const gbError = locateInvalid(bytes, 'gb18030', 0)
  throw new AppFailure(
    'import-failed',
    `${file}: the text is neither UTF-8 (invalid bytes at ${describePlace(utf8Error)}) ` +
      `nor GB18030 (invalid bytes at ${describePlace(gbError)}); save it as UTF-8 or name its encoding.`,
  )
}

export function encodeText(text: string, encoding: ExportEncoding): Uint8Array {
  const loneSurrogate = findLoneSurrogate(text)
  if (loneSurrogate >= 0) {
    throw new AppFailure('invalid-input', `Text has a lone surrogate at character ${loneSurrogate}; it cannot be encoded.`)
  }
  if (encoding === 'utf-8') return new TextEncoder().encode(text)
  const bytes = new Uint8Array(iconv.encode(text, 'gb18030'))
  // GB18030 maps all of Unicode, so a round trip that differs means the codec
  // library changed under us; fail rather than write a file that reads back wrong.
  const roundTrip = new TextDecoder('gb18030').decode(bytes)
  if (roundTrip !== text) {
    const at = firstDifference(roundTrip, text)
    throw new AppFailure('internal', `GB18030 cannot represent the text at character ${at}.`)
  }
  return bytes
}

interface InvalidPlace {
  byteOffset: number
  line: number
}

function decodeDeclared(bytes: Uint8Array, declared: ConcreteEncoding, file: string): DecodedText {
  if (declared === 'utf-8') {
    const skip = startsWith(bytes, UTF8_BOM) ? 3 : 0
    return { text: decodeStrict(bytes.subarray(skip), 'utf-8', file, skip), encoding: 'utf-8' }
  }
  if (declared === 'utf-16le' || declared === 'utf-16be') {
    const otherBom = declared === 'utf-16le' ? UTF16BE_BOM : UTF16LE_BOM
    if (startsWith(bytes, otherBom)) {
      const actual = declared === 'utf-16le' ? 'UTF-16BE' : 'UTF-16LE'
      throw new AppFailure('import-failed', `${file}: ${declared} was declared but the file starts with a ${actual} byte-order mark.`)
    }
    const ownBom = declared === 'utf-16le' ? UTF16LE_BOM : UTF16BE_BOM
    const skip = startsWith(bytes, ownBom) ? 2 : 0
    return { text: decodeStrict(bytes.subarray(skip), declared, file, skip), encoding: declared }
  }
  if (startsWith(bytes, UTF8_BOM)) {
    throw new AppFailure('import-failed', `${file}: ${declared} was declared but the file starts with a UTF-8 byte-order mark.`)
  }
  const utf8Evidence = utf8MultibyteEvidence(bytes)
  if (utf8Evidence !== null) {
    throw new AppFailure(
      'import-failed',
      `${file}: ${declared} was declared but the bytes are UTF-8 (first multi-byte character at ${describePlace(utf8Evidence)}); ` +
        `declare utf-8 or auto.`,
    )
  }
  return { text: decodeStrict(bytes, declared, file, 0), encoding: declared }
}

function decodeStrict(bytes: Uint8Array, encoding: ConcreteEncoding, file: string, skippedBytes: number): string {
  const text = tryDecode(bytes, encoding)
  if (text !== null) return text
  const place = locateInvalid(bytes, encoding, skippedBytes)
  throw new AppFailure('import-failed', `${file}: not valid ${encoding}: invalid bytes at ${describePlace(place)}.`)
}

function tryDecode(bytes: Uint8Array, encoding: ConcreteEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/**
 * TextDecoder says only that the bytes are bad, not where. A streaming decode
 * of a prefix throws exactly when the prefix already holds an invalid sequence,
 * so a binary search over prefix lengths finds where the input turns bad; the
 * bad sequence starts at the longest clean prefix just before it.
 */
function locateInvalid(bytes: Uint8Array, encoding: ConcreteEncoding, skippedBytes: number): InvalidPlace {
  let low = 0
  let high = bytes.length
  if (streamsCleanly(bytes, high, encoding)) {
    // Nothing invalid inside: the input ends in the middle of a sequence.
    return placeOf(bytes, completePrefixBefore(bytes, bytes.length, encoding), encoding, skippedBytes)
  }
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (streamsCleanly(bytes, middle, encoding)) low = middle + 1
    else high = middle
  }
  return placeOf(bytes, completePrefixBefore(bytes, low - 1, encoding), encoding, skippedBytes)
}

function streamsCleanly(bytes: Uint8Array, length: number, encoding: ConcreteEncoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true })
    return true
  } catch {
    return false
  }
}

/** The longest prefix no longer than `limit` that decodes completely: where the bad sequence begins. */
function completePrefixBefore(bytes: Uint8Array, limit: number, encoding: ConcreteEncoding): number {
  const longestSequence = 4
  for (let length = limit; length >= Math.max(0, limit - longestSequence); length -= 1) {
    if (tryDecode(bytes.subarray(0, length), encoding) !== null) return length
  }
  return Math.max(0, limit - longestSequence)
}

function placeOf(bytes: Uint8Array, offset: number, encoding: ConcreteEncoding, skippedBytes: number): InvalidPlace {
  let line = 1
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const lowByteFirst = encoding === 'utf-16le'
    for (let index = 0; index + 1 < offset; index += 2) {
      const unit = lowByteFirst ? (bytes[index] ?? 0) | ((bytes[index + 1] ?? 0) << 8) : ((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)
      if (unit === 0x0a) line += 1
    }
  } else {
    // 0x0A is never part of a multi-byte UTF-8 or GB18030 sequence, so counting
    // it byte by byte counts lines.
    for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1
  }
  return { byteOffset: offset + skippedBytes, line }
}

function describePlace(place: InvalidPlace): string {
  return `byte ${place.byteOffset} (line ${place.line})`
}

function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1
  if (length < 2) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros += 1
    if (bytes[index + 1] === 0) oddZeros += 1
  }
  const units = length / 2
  // Latin text in UTF-16 has a zero in nearly every unit; CJK text has few, and
  // is left to the UTF-8/GB18030 attempts that will then reject it by place.
  if (oddZeros > units * 0.4 && evenZeros < units * 0.05) return 'utf-16le'
  if (evenZeros > units * 0.4 && oddZeros < units * 0.05) return 'utf-16be'
  return null
}

/** Where the bytes show themselves as UTF-8 (valid, with enough multi-byte sequences); null otherwise. */
function utf8MultibyteEvidence(bytes: Uint8Array): InvalidPlace | null {
  let firstMultibyte = -1
  let count = 0
  for (let index = 0; index < bytes.length; index += 1) {
    if ((bytes[index] ?? 0) >= 0x80) {
      firstMultibyte = index
      break
    }
  }
  if (firstMultibyte < 0 || tryDecode(bytes, 'utf-8') === null) return null
  for (let index = firstMultibyte; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0
    if (byte >= 0xc2 && byte <= 0xf4) count += 1
  }
  return count >= UTF8_EVIDENCE_SEQUENCES ? placeOf(bytes, firstMultibyte, 'utf-8', 0) : null
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function findLoneSurrogate(text: string): number {
  const match = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text)
  return match ? match.index : -1
}

function firstDifference(left: string, right: string): number {
  const shorter = Math.min(left.length, right.length)
  for (let index = 0; index < shorter; index += 1) if (left[index] !== right[index]) return index
  return shorter
}
