CREATE TABLE `best_interest_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`decided_on` text NOT NULL,
	`notes_key_id` text,
	`notes_iv` blob,
	`notes_ciphertext` blob,
	`recorded_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `best_interest_case_idx` ON `best_interest_decisions` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`status` text NOT NULL,
	`comment_key_id` text,
	`comment_iv` blob,
	`comment_ciphertext` blob,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_closures_case_idx` ON `case_closures` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_closures_status_idx` ON `case_closures` (`status`);--> statement-breakpoint
CREATE TABLE `monitoring_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`months` integer NOT NULL,
	`due_on` text NOT NULL,
	`status` text NOT NULL,
	`visited_on` text,
	`outcome` text,
	`notes_key_id` text,
	`notes_iv` blob,
	`notes_ciphertext` blob,
	`recorded_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitoring_case_idx` ON `monitoring_visits` (`case_id`,`months`);--> statement-breakpoint
CREATE INDEX `monitoring_status_due_idx` ON `monitoring_visits` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`status` text NOT NULL,
	`from_country` text NOT NULL,
	`to_country` text NOT NULL,
	`departure_on` text NOT NULL,
	`arrival_on` text,
	`legs` text DEFAULT '[]' NOT NULL,
	`escort` integer DEFAULT false NOT NULL,
	`fit_to_travel` text DEFAULT 'not_checked' NOT NULL,
	`documents` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `movements_case_idx` ON `movements` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `movements_status_departure_idx` ON `movements` (`status`,`departure_on`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`direction` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`services` text NOT NULL,
	`reason` text NOT NULL,
	`referred_on` text NOT NULL,
	`due_on` text,
	`status` text NOT NULL,
	`responded_on` text,
	`completed_on` text,
	`message_key_id` text,
	`message_iv` blob,
	`message_ciphertext` blob,
	`includes_identity` integer DEFAULT false NOT NULL,
	`consent_override` integer DEFAULT false NOT NULL,
	`override_reason_key_id` text,
	`override_reason_iv` blob,
	`override_reason_ciphertext` blob,
	`decline_reason_key_id` text,
	`decline_reason_iv` blob,
	`decline_reason_ciphertext` blob,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `referrals_status_due_idx` ON `referrals` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `reintegration_plans` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`objectives_key_id` text,
	`objectives_iv` blob,
	`objectives_ciphertext` blob,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reintegration_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`planned_on` text,
	`completed_on` text,
	`organisation_id` integer,
	`provider_kind` text DEFAULT 'self' NOT NULL,
	`cost_minor` integer,
	`currency` text,
	`description_key_id` text,
	`description_iv` blob,
	`description_ciphertext` blob,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reintegration_steps_case_idx` ON `reintegration_steps` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `reintegration_steps_status_idx` ON `reintegration_steps` (`status`,`planned_on`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_case_id` integer NOT NULL,
	`to_office_id` integer NOT NULL,
	`status` text NOT NULL,
	`message_key_id` text,
	`message_iv` blob,
	`message_ciphertext` blob,
	`decline_reason_key_id` text,
	`decline_reason_iv` blob,
	`decline_reason_ciphertext` blob,
	`new_case_id` integer,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`from_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`new_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfers_to_office_idx` ON `transfers` (`to_office_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfers_from_case_idx` ON `transfers` (`from_case_id`);