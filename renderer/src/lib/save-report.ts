/**
 * Hands an exported report to the browser's download (Electron shows its save
 * dialog): the bytes came from the engine, base64 in the result, and never
 * touch a server URL.
 */
import type { ReportFile } from '../../../contract/supervision.js'

export type SaveFile = (file: ReportFile) => void

export function browserSave(document: Document): SaveFile {
  return (file) => {
    const binary = atob(file.base64)
    const bytes = new Uint8Array(binary.length)
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
    const link = document.createElement('a')
    link.href = url
    link.download = file.fileName
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
