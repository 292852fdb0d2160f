// SessionUser lives in lib/ so that db/ (below server/) can name it; re-exported here for the
// server code that has always imported it from this path.
export type { SessionUser } from "@/lib/session-user";
