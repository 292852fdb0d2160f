import { hashSync } from "@node-rs/argon2";
import type { Db } from "@/db/client";
import { offices, userOffices, users } from "@/db/schema";
import type { Role } from "@/lib/permissions";
import { regionOfCountry } from "@/lib/reference/countries";

/**
 * Synthetic records for tests, inserted directly (no audit events, no argon2 unless a password is
 * asked for), so that fixtures are fast and do not show up in audit-trail assertions. Names and
 * emails are obviously artificial; never use a real person's data.
 */

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

export type OfficeFixture = { id: number; code: string; countryIso2: string; region: string };

export function makeOffice(
  db: Db,
  overrides: { code?: string; name?: string; countryIso2?: string; active?: boolean } = {},
): OfficeFixture {
  const n = next();
  const countryIso2 = overrides.countryIso2 ?? "AT";
  const code = overrides.code ?? `T-OFF-${n}`;
  const region = regionOfCountry(countryIso2);
  const row = db
    .insert(offices)
    .values({
      code,
      name: overrides.name ?? `Test office ${n}`,
      countryIso2,
      region,
      active: overrides.active ?? true,
    })
    .returning({ id: offices.id })
    .get();
  return { id: row.id, code, countryIso2, region };
}

export type UserFixtureOptions = {
  role: Role;
  officeIds?: number[];
  email?: string;
  name?: string;
  regionScope?: string | null;
  active?: boolean;
  /** Hash this password (argon2id, slow-ish); by default the account has a hash nothing matches. */
  password?: string;
  /** Leave the office memberships waiting for a supervisor's confirmation (decision 0020); by default
   * they are confirmed, as the demo seed's are. */
  pendingOffices?: boolean;
};

/** No password verifies against this: accounts made without `password` cannot log in. */
const NO_LOGIN_HASH = "$argon2id$v=19$m=19456,t=2,p=1$bm8tbG9naW4tdGVzdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export type UserFixture = { id: number; email: string; name: string; role: Role; officeIds: number[]; regionScope: string | null };

export function insertUser(db: Db, options: UserFixtureOptions): UserFixture {
  const n = next();
  const email = options.email ?? `${options.role.replace("_", "-")}-${n}-${process.pid}@test.invalid`;
  const name = options.name ?? `Test ${options.role} ${n}`;
  const officeIds = [...new Set(options.officeIds ?? [])];
  const regionScope = options.regionScope ?? null;
  const row = db
    .insert(users)
    .values({
      email,
      name,
      role: options.role,
      passwordHash: options.password ? hashSync(options.password, { algorithm: 2 }) : NO_LOGIN_HASH,
      passwordChangedAt: Date.now() - 1_000,
      active: options.active ?? true,
      regionScope,
    })
    .returning({ id: users.id })
    .get();
  if (officeIds.length > 0) {
    db.insert(userOffices)
      .values(officeIds.map((officeId) => ({ userId: row.id, officeId, requestedAt: Date.now(), confirmedAt: options.pendingOffices ? null : Date.now() })))
      .run();
  }
  return { id: row.id, email, name, role: options.role, officeIds, regionScope };
}
