import "server-only";
import { asc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { caseNotes, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal } from "@/server/crypto/vault";
import { assertCaseOpen } from "./assert-case-open";
import { loadCaseInScope } from "./get-case";

const noteAad = (noteId: number) => boundTo("case_notes", noteId, "body");

/** Adds a case note. The text is encrypted bound to its row: the row is inserted first to get its
 * id, then given its ciphertext, all in one transaction. */
export function addCaseNote(db: Db, user: SessionUser, code: string, body: string, ip: string | null = null) {
  const found = loadCaseInScope(db, user, code, "note:create");
  assertCaseOpen(found);
  return writeTransaction(db, (tx) => {
    const placeholder = { keyId: "-", iv: Buffer.alloc(12), ciphertext: Buffer.alloc(16) };
    const { id } = tx
      .insert(caseNotes)
      .values({ caseId: found.id, authorId: user.id, ...placeholder })
      .returning({ id: caseNotes.id })
      .get();
    const sealed = seal(vaultKeys(), body, noteAad(id));
    tx.update(caseNotes).set(sealed).where(eq(caseNotes.id, id)).run();
    recordAudit(tx, {
      action: "note.created",
      actorUserId: user.id,
      entityType: "case",
      entityId: found.code,
      officeId: found.officeId,
      ip,
      details: { noteId: id },
    });
    return { id };
  });
}

/** Decrypts the notes of a case for a permitted user; the reading is audited. */
export function listCaseNotes(db: Db, user: SessionUser, code: string, ip: string | null = null) {
  const found = loadCaseInScope(db, user, code, "note:read");
  return writeTransaction(db, (tx) => {
    const rows = tx
      .select({
        id: caseNotes.id,
        authorName: users.name,
        createdAt: caseNotes.createdAt,
        keyId: caseNotes.keyId,
        iv: caseNotes.iv,
        ciphertext: caseNotes.ciphertext,
      })
      .from(caseNotes)
      .innerJoin(users, eq(users.id, caseNotes.authorId))
      .where(eq(caseNotes.caseId, found.id))
      .orderBy(asc(caseNotes.id))
      .all();
    if (rows.length > 0) {
      recordAudit(tx, {
        action: "notes.read",
        actorUserId: user.id,
        entityType: "case",
        entityId: found.code,
        officeId: found.officeId,
        ip,
        details: { count: rows.length },
      });
    }
    return rows.map((r) => ({
      id: r.id,
      authorName: r.authorName,
      createdAt: r.createdAt,
      body: open(vaultKeys(), r, noteAad(r.id)),
    }));
  });
}
