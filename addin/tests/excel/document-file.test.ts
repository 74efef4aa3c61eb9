import { OfficeMockObject } from "office-addin-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SLICE_SIZE, assembleSlices, readDocumentBytes } from "../../src/excel/document-file";

beforeEach(() => {
  vi.stubGlobal("Office", {
    FileType: { Compressed: "compressed" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  });
});

const ok = <T>(value: T) => ({ status: "succeeded", value }) as unknown as Office.AsyncResult<T>;
const failed = (message: string) => ({ status: "failed", error: { message } }) as unknown as Office.AsyncResult<never>;

/**
 * Office.context.document as an office-addin-mock object. Office.File is a plain Common API object (no load/sync),
 * so it is a plain fake; its slices answer asynchronously, later slices sooner, to catch ordering bugs.
 */
function documentWith(slices: number[][], options: { failAt?: number } = {}) {
  const events: string[] = [];
  const file = {
    size: slices.flat().length,
    sliceCount: slices.length,
    getSliceAsync(index: number, callback: (r: Office.AsyncResult<Office.Slice>) => void) {
      events.push(`slice:${index}`);
      const result =
        index === options.failAt
          ? failed("slice read failed")
          : ok({ index, data: slices[index]!, size: slices[index]!.length } as Office.Slice);
      setTimeout(() => callback(result), (slices.length - index) * 2);
    },
    closeAsync(callback: (r: Office.AsyncResult<void>) => void) {
      events.push("close");
      callback(ok(undefined));
    },
  };
  const document = new OfficeMockObject({
    getFileAsync(
      fileType: string,
      opts: { sliceSize: number },
      callback: (r: Office.AsyncResult<typeof file>) => void,
    ) {
      events.push(`open:${fileType}:${opts.sliceSize}`);
      setTimeout(() => callback(ok(file)), 0);
    },
  });
  return { document: document as unknown as Office.Document, events };
}

describe("readDocumentBytes", () => {
  it("reads the compressed file in 4 MB slices, assembles them in order and closes the file", async () => {
    const { document, events } = documentWith([
      [0x50, 0x4b, 3],
      [4, 5],
      [6, 7, 8, 9],
    ]);
    const bytes = await readDocumentBytes(document);
    expect(Array.from(bytes)).toEqual([0x50, 0x4b, 3, 4, 5, 6, 7, 8, 9]);
    expect(events).toEqual([`open:compressed:${SLICE_SIZE}`, "slice:0", "slice:1", "slice:2", "close"]);
    expect(SLICE_SIZE).toBe(4194304);
  });

  it("closes the file even when a slice fails, and reports the failure", async () => {
    const { document, events } = documentWith([[1], [2], [3]], { failAt: 1 });
    await expect(readDocumentBytes(document)).rejects.toThrow("slice read failed");
    expect(events).toEqual([`open:compressed:${SLICE_SIZE}`, "slice:0", "slice:1", "close"]);
  });
});

describe("assembleSlices", () => {
  it("orders slices by index", () => {
    const bytes = assembleSlices(
      [
        { index: 2, data: [7] },
        { index: 0, data: [1, 2] },
        { index: 1, data: new Uint8Array([3, 4, 5]) },
      ],
      3,
    );
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it("rejects a missing or duplicated slice", () => {
    expect(() =>
      assembleSlices(
        [
          { index: 0, data: [1] },
          { index: 2, data: [3] },
        ],
        2,
      ),
    ).toThrow(/slices 0\.\.1/);
    expect(() =>
      assembleSlices(
        [
          { index: 0, data: [1] },
          { index: 0, data: [1] },
        ],
        2,
      ),
    ).toThrow();
    expect(() => assembleSlices([{ index: 0, data: [1] }], 2)).toThrow();
  });
});
