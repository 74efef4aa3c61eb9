// Reads the open document as .xlsx bytes with the Common API (Office.context.document.getFileAsync), which works
// in every Excel that runs the pane, unlike a workbook-to-base64 call in the Excel API.

export const SLICE_SIZE = 4 * 1024 * 1024;

export interface FileSlice {
  index: number;
  data: ArrayLike<number>;
}

/** Concatenates slices by index; a gap or a duplicate means the read went wrong, so it throws. */
export function assembleSlices(slices: readonly FileSlice[], expectedCount: number): Uint8Array {
  const ordered = [...slices].sort((a, b) => a.index - b.index);
  if (ordered.length !== expectedCount || ordered.some((s, i) => s.index !== i)) {
    throw new Error(`Expected slices 0..${expectedCount - 1}, got [${slices.map((s) => s.index).join(", ")}]`);
  }
  const size = ordered.reduce((sum, s) => sum + s.data.length, 0);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const slice of ordered) {
    bytes.set(slice.data, offset);
    offset += slice.data.length;
  }
  return bytes;
}

function settle<T>(resolve: (value: T) => void, reject: (reason: Error) => void) {
  return (result: Office.AsyncResult<T>) => {
    if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
    else reject(new Error(result.error?.message ?? "Office call failed"));
  };
}

function getFile(document: Office.Document, sliceSize: number): Promise<Office.File> {
  return new Promise((resolve, reject) =>
    document.getFileAsync(Office.FileType.Compressed, { sliceSize }, settle(resolve, reject)),
  );
}

function getSlice(file: Office.File, index: number): Promise<Office.Slice> {
  return new Promise((resolve, reject) => file.getSliceAsync(index, settle(resolve, reject)));
}

function closeFile(file: Office.File): Promise<void> {
  return new Promise((resolve, reject) => file.closeAsync(settle(resolve, reject)));
}

/**
 * The whole document as bytes. Slices are read one after another (Office allows one open file per document and
 * keeps slice reads sequential), and the file is always closed, or the next getFileAsync fails.
 */
export async function readDocumentBytes(document: Office.Document, sliceSize = SLICE_SIZE): Promise<Uint8Array> {
  const file = await getFile(document, sliceSize);
  try {
    const slices: FileSlice[] = [];
    for (let index = 0; index < file.sliceCount; index++) {
      const slice = await getSlice(file, index);
      slices.push({ index: slice.index, data: slice.data as ArrayLike<number> });
    }
    return assembleSlices(slices, file.sliceCount);
  } finally {
    // A failed close must not hide the read error or throw away bytes already read.
    await closeFile(file).catch(() => undefined);
  }
}
