/** A row or file an importer could not take, with where and why. */
export interface ImportReject {
  file: string
  /** 1-based line in the file; 0 where the whole file was rejected. */
  line: number
  reason: string
}
