import "server-only";
import type { Db } from "@/db/client";

/** Persons with their sealed identity and stored blind indexes, for `blind-index:rotate`. */
export type PersonIndexRow = {
  personId: number;
  blindIndex: string | null;
  blindIndexNames: string | null;
  keyId: string | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
};

export function blindIndexQueries(db: Db) {
  const batch = db.$client.prepare(
    `SELECT p.id AS personId, p.blind_index AS blindIndex, p.blind_index_names AS blindIndexNames,
            i.key_id AS keyId, i.iv AS iv, i.ciphertext AS ciphertext
       FROM persons p LEFT JOIN identities i ON i.person_id = p.id
      WHERE p.id > ? ORDER BY p.id LIMIT ?`,
  );
  const update = db.$client.prepare("UPDATE persons SET blind_index = ?, blind_index_names = ? WHERE id = ?");
  return {
    after: (afterId: number, limit: number) => batch.all(afterId, limit) as PersonIndexRow[],
    set: (personId: number, full: string | null, names: string | null) => update.run(full, names, personId).changes === 1,
  };
}
