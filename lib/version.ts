import pkg from "../package.json" with { type: "json" };

export const appVersion: string = pkg.version;
/** The SPDX identifier of the project's license (package.json). */
export const appLicense: string = pkg.license;
