export declare const manifestPath: string;
export declare const schemaDir: string;
export declare function validateManifestXml(xml: string): Promise<{ valid: boolean; errors: string[] }>;
export declare function readManifest(): Promise<string>;
