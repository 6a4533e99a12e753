/**
 * A backup is one file, so that replacing an older backup is one atomic rename
 * and a copy to tape or another disk cannot separate the database from its
 * manifest. The file is a plain POSIX tar (ustar): `manifest.json`, then
 * `clinicoco.db`, then (a workspace whose audit trail is keyed, issue 15)
 * `keys/audit-keys.json`, the trail's HMAC and checkpoint keys, which live
 * outside the database and without which the restored trail could neither be
 * verified nor take a new row. IT can list and unpack it with any tar
 * (`tar -tvf FILE`), and the restore reads it without one.
 *
 * Sizes above ustar's 8 GiB octal limit use the base-256 form GNU tar and
 * bsdtar read.
 */
import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'

const BLOCK = 512
const COPY_CHUNK_BYTES = 4 * 1024 * 1024
const OCTAL_SIZE_MAX = 8 ** 11 - 1

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`
}

function header(name: string, size: number, mtimeSeconds: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 100, 'utf8')
  block.write(octal(0o644, 8), 100, 8, 'ascii')
  block.write(octal(0, 8), 108, 8, 'ascii')
  block.write(octal(0, 8), 116, 8, 'ascii')
  if (size <= OCTAL_SIZE_MAX) {
    block.write(octal(size, 12), 124, 12, 'ascii')
  } else {
    // Base-256: high bit of the first byte set, the size big-endian in the rest.
    block[124] = 0x80
    let rest = BigInt(size)
    for (let position = 135; position > 124; position -= 1) {
      block[position] = Number(rest & 0xffn)
      rest >>= 8n
    }
  }
  block.write(octal(mtimeSeconds, 12), 136, 12, 'ascii')
  block.write(' '.repeat(8), 148, 8, 'ascii')
  block.write('0', 156, 1, 'ascii')
  block.write('ustar\0', 257, 6, 'ascii')
  block.write('00', 263, 2, 'ascii')
  block.write('clinicoco', 265, 32, 'ascii')
  block.write('clinicoco', 297, 32, 'ascii')
  const checksum = block.reduce((sum, byte) => sum + byte, 0)
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  return block
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)
}

/**
 * Writes the archive to `path` (a new file: the caller renames it into place)
 * and fsyncs it. Returns the sha256 of the whole archive.
 */
export const AUDIT_KEYS_ENTRY = 'keys/audit-keys.json'

export function writeBackupArchive(path: string, manifest: Buffer, databaseFile: string, databaseBytes: number, mtime: Date, auditKeys: Buffer | null = null): string {
  const hash = createHash('sha256')
  const out = openSync(path, 'wx')
  const write = (bytes: Buffer) => {
    writeSync(out, bytes)
    hash.update(bytes)
  }
  try {
    const seconds = Math.floor(mtime.getTime() / 1000)
    write(header('manifest.json', manifest.byteLength, seconds))
    write(manifest)
    write(padding(manifest.byteLength))
    write(header('clinicoco.db', databaseBytes, seconds))
    const input = openSync(databaseFile, 'r')
    try {
      const chunk = Buffer.alloc(COPY_CHUNK_BYTES)
      let copied = 0
      while (copied < databaseBytes) {
        const read = readSync(input, chunk, 0, Math.min(chunk.byteLength, databaseBytes - copied), copied)
        if (read === 0) throw new AppFailure('internal', `${databaseFile} ended after ${copied} of ${databaseBytes} bytes while it was archived.`)
        write(chunk.subarray(0, read))
        copied += read
      }
    } finally {
      closeSync(input)
    }
    write(padding(databaseBytes))
    if (auditKeys) {
      write(header(AUDIT_KEYS_ENTRY, auditKeys.byteLength, seconds))
      write(auditKeys)
      write(padding(auditKeys.byteLength))
    }
    write(Buffer.alloc(BLOCK * 2)) // end-of-archive marker
    fsyncSync(out)
  } finally {
    closeSync(out)
  }
  return hash.digest('hex')
}

interface Entry {
  name: string
  size: number
  /** Byte offset of the entry's content in the archive. */
  offset: number
}

function readBlock(fd: number, position: number, archive: string): Buffer {
  const block = Buffer.alloc(BLOCK)
  const read = readSync(fd, block, 0, BLOCK, position)
  if (read !== BLOCK) throw new AppFailure('invalid-input', `${archive}: cut short at byte ${position + read}; not a complete CliniCoCo backup.`)
  return block
}

function parseHeader(block: Buffer, position: number, archive: string): Entry {
  const stored = Number.parseInt(block.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8)
  const computed = Buffer.concat([block.subarray(0, 148), Buffer.from(' '.repeat(8)), block.subarray(156)]).reduce((sum, byte) => sum + byte, 0)
  if (stored !== computed) throw new AppFailure('invalid-input', `${archive}: the tar header at byte ${position} is damaged (checksum); not a CliniCoCo backup, or a corrupted one.`)
  const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '')
  let size: number
  if (((block[124] as number) & 0x80) !== 0) {
    let value = 0n
    for (let index = 125; index < 136; index += 1) value = (value << 8n) | BigInt(block[index] as number)
    size = Number(value)
  } else {
    size = Number.parseInt(block.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8)
  }
  return { name, size, offset: position + BLOCK }
}

export interface OpenedArchive {
  manifest: Buffer
  database: Entry
  /** The audit trail's key file, where the backed-up workspace had one. */
  auditKeys: Buffer | null
}

/** Reads the two entries' places; the manifest's bytes come back, the database is copied out by `extractDatabase`. */
export function openBackupArchive(archive: string): OpenedArchive {
  let fd: number
  try {
    fd = openSync(archive, 'r')
  } catch (error) {
    throw new AppFailure('not-found', `Backup ${archive}: cannot be read (${(error as Error).message}).`)
  }
  try {
    const first = parseHeader(readBlock(fd, 0, archive), 0, archive)
    if (first.name !== 'manifest.json' || first.size > 10_000_000) throw new AppFailure('invalid-input', `${archive}: its first entry is "${first.name}", not a backup manifest.`)
    const manifest = Buffer.alloc(first.size)
    if (readSync(fd, manifest, 0, first.size, first.offset) !== first.size) throw new AppFailure('invalid-input', `${archive}: the manifest is cut short.`)
    const secondAt = first.offset + first.size + padding(first.size).byteLength
    const second = parseHeader(readBlock(fd, secondAt, archive), secondAt, archive)
    if (second.name !== 'clinicoco.db') throw new AppFailure('invalid-input', `${archive}: its second entry is "${second.name}", not the workspace database.`)
    const thirdAt = second.offset + second.size + padding(second.size).byteLength
    const block = readBlock(fd, thirdAt, archive)
    // Two zero blocks end the archive: a backup of a workspace without audit keys stops here.
    if (block.every((byte) => byte === 0)) return { manifest, database: second, auditKeys: null }
    const third = parseHeader(block, thirdAt, archive)
    if (third.name !== AUDIT_KEYS_ENTRY || third.size > 1_000_000) throw new AppFailure('invalid-input', `${archive}: its third entry is "${third.name}", not the audit trail's keys.`)
    const auditKeys = Buffer.alloc(third.size)
    if (readSync(fd, auditKeys, 0, third.size, third.offset) !== third.size) throw new AppFailure('invalid-input', `${archive}: the audit keys are cut short.`)
    return { manifest, database: second, auditKeys }
  } finally {
    closeSync(fd)
  }
}

/** Copies the database entry to `target` (a new file), fsynced; returns its sha256. */
export function extractDatabase(archive: string, entry: Entry, target: string): string {
  const hash = createHash('sha256')
  const input = openSync(archive, 'r')
  try {
    const out = openSync(target, 'wx')
    try {
      const chunk = Buffer.alloc(COPY_CHUNK_BYTES)
      let copied = 0
      while (copied < entry.size) {
        const read = readSync(input, chunk, 0, Math.min(chunk.byteLength, entry.size - copied), entry.offset + copied)
        if (read === 0) throw new AppFailure('invalid-input', `${archive}: the database entry is cut short after ${copied} of ${entry.size} bytes.`)
        writeSync(out, chunk, 0, read)
        hash.update(chunk.subarray(0, read))
        copied += read
      }
      fsyncSync(out)
    } finally {
      closeSync(out)
    }
  } finally {
    closeSync(input)
  }
  return hash.digest('hex')
}

/** sha256 of a file read in chunks: a workspace database may be larger than memory allows. */
export function sha256OfFile(path: string): string {
  const hash = createHash('sha256')
  const fd = openSync(path, 'r')
  try {
    const chunk = Buffer.alloc(COPY_CHUNK_BYTES)
    let position = 0
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.byteLength, position)
      if (read === 0) break
      hash.update(chunk.subarray(0, read))
      position += read
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}
