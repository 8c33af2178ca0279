/**
 * Sprig functions stackyard refuses: their results depend on the clock, randomness, the
 * environment or the network, and rendered output must be byte-stable and sandboxed. They
 * parse (so a template naming one gets a clear error at the call) and fail when called.
 */
import { FuncError, type FuncDef } from "./types.js";

export const REFUSED_FUNCTION_NAMES = [
  "env",
  "expandenv",
  "getHostByName",
  "now",
  "ago",
  "date",
  "dateInZone",
  "date_in_zone",
  "dateModify",
  "date_modify",
  "mustDateModify",
  "must_date_modify",
  "htmlDate",
  "htmlDateInZone",
  "toDate",
  "mustToDate",
  "unixEpoch",
  "duration",
  "durationRound",
  "randAlpha",
  "randAlphaNum",
  "randAscii",
  "randNumeric",
  "randBytes",
  "randInt",
  "shuffle",
  "uuidv4",
  "genCA",
  "genCAWithKey",
  "genPrivateKey",
  "genSelfSignedCert",
  "genSelfSignedCertWithKey",
  "genSignedCert",
  "genSignedCertWithKey",
  "buildCustomCert",
  "encryptAES",
  "decryptAES",
  "bcrypt",
  "htpasswd",
  "derivePassword",
] as const;

function refused(name: string): FuncDef {
  return {
    params: [],
    variadic: "any",
    call: () => {
      throw new FuncError(
        `function ${JSON.stringify(name)} is refused: stackyard templates must be deterministic and sandboxed`,
        true,
      );
    },
  };
}

export const REFUSED_FUNCTIONS_TABLE: Record<string, FuncDef> = Object.fromEntries(
  REFUSED_FUNCTION_NAMES.map((n) => [n, refused(n)]),
);
