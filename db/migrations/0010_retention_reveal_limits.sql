CREATE TABLE `erasure_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason_key_id` text,
	`reason_iv` blob,
	`reason_ciphertext` blob,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `erasure_requests_status_idx` ON `erasure_requests` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `erasure_requests_person_idx` ON `erasure_requests` (`person_id`,`id`);--> statement-breakpoint
CREATE TABLE `identity_removals` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`removed_at` integer NOT NULL,
	`cause` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `retention_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`years` integer,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_actor_action_at_idx` ON `audit_events` (`actor_user_id`,`action`,`at`);