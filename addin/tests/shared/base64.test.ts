import { describe, expect, it } from "vitest";
import { bytesToBase64 } from "../../src/shared/base64";

describe("bytesToBase64", () => {
  it("encodes known vectors, including padding", () => {
    expect(bytesToBase64(new Uint8Array([]))).toBe("");
    expect(bytesToBase64(new Uint8Array([0x66]))).toBe("Zg==");
    expect(bytesToBase64(new Uint8Array([0x66, 0x6f]))).toBe("Zm8=");
    expect(bytesToBase64(new Uint8Array([0x66, 0x6f, 0x6f]))).toBe("Zm9v");
    // The zip signature every .xlsx starts with.
    expect(bytesToBase64(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("UEsDBA==");
  });

  it("encodes all byte values, not just ASCII", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });

  it("handles workbooks larger than one chunk (and larger than the argument limit of fromCharCode)", () => {
    const bytes = Uint8Array.from({ length: 1024 * 1024 + 7 }, (_, i) => (i * 31 + 7) & 0xff);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});
