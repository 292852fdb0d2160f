CREATE TABLE `account_setup_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_setup_tokens_token_hash_unique` ON `account_setup_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_setup_tokens_user_idx` ON `account_setup_tokens` (`user_id`);--> statement-breakpoint
ALTER TABLE `offices` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `user_offices` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `user_offices` ADD `confirmed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `user_offices` ADD `requested_at` integer;--> statement-breakpoint
ALTER TABLE `user_offices` ADD `requested_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `users` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- hand-written: memberships that exist before this migration were granted under the old rule and stay in force (confirmed at migration time, by nobody); new ones start unconfirmed.
UPDATE `user_offices` SET `confirmed_at` = cast(unixepoch('subsec') * 1000 as integer), `requested_at` = cast(unixepoch('subsec') * 1000 as integer) WHERE `confirmed_at` IS NULL;
