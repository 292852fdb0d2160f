CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_code_hash_unique` ON `recovery_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `recovery_codes_user_idx` ON `recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_second_factors` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`iv` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`enrolled_at` integer,
	`last_time_step` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `second_step` text;--> statement-breakpoint
-- hand-written: sessions opened before this migration passed no second factor; end them so that every account signs in again through the new second step.
UPDATE `auth_sessions` SET `revoked_at` = cast(unixepoch('subsec') * 1000 as integer) WHERE `revoked_at` IS NULL;
