CREATE TABLE `determinations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`response_id` integer NOT NULL,
	`computed` text NOT NULL,
	`decision` text NOT NULL,
	`status` text NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`comment_key_id` text,
	`comment_iv` blob,
	`comment_ciphertext` blob,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `form_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `determinations_case_idx` ON `determinations` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `determinations_status_idx` ON `determinations` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `form_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`form_id` text NOT NULL,
	`definition_version` integer NOT NULL,
	`status` text NOT NULL,
	`revision` integer,
	`key_id` text NOT NULL,
	`iv` blob NOT NULL,
	`ciphertext` blob NOT NULL,
	`created_by` integer NOT NULL,
	`updated_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `form_responses_case_idx` ON `form_responses` (`case_id`,`form_id`,`revision`);--> statement-breakpoint
CREATE UNIQUE INDEX `form_responses_draft_uq` ON `form_responses` (`case_id`,`form_id`) WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX `form_responses_revision_uq` ON `form_responses` (`case_id`,`form_id`,`revision`);