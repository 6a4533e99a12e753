/** A row or file an importer could not take, with where and why. */
export interface ImportReject {
  file: string
  /** 1-based line in the file; 0 where the whole file was rejected. */
  line: number
  reason: string
  /** The row itself was imported; only what the reason names was not stored (e.g. a gold code the code set lacks). */
  rowKept?: boolean
}
