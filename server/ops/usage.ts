/** The operations commands in the CLI's usage text (server/cli.ts; kept free of imports). */
export const OPS_USAGE = `  backup --to FILE                          online backup of the database into one new file, with a
                                            signed manifest (docs/OPERATIONS.md); keys are never in it
  backup:check --from FILE                  check a backup (signature, integrity, migrations, audit
                                            chain, row counts) without restoring it
  restore --from FILE [--force]             check a backup, then replace the database (DATABASE_URL)
                                            with it; --force to replace one that holds data. Stop the
                                            server first
  vault:rotate [--batch N]                  re-seal every sealed value under the first key of
                                            PASSAGE_VAULT_KEYS; resumable; says when an old key is unused
  blind-index:rotate [--batch N]            recompute the duplicate index under PASSAGE_BLIND_INDEX_KEY
                                            (the old key in PASSAGE_BLIND_INDEX_KEY_PREVIOUS meanwhile)
  audit:anchor [--force]                    anchor the end of the audit trail (first run after an
                                            upgrade); --force replaces an anchor that does not match
`;
