CREATE TABLE `person_link_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`from_office_id` integer NOT NULL,
	`to_office_id` integer NOT NULL,
	`target_person_id` integer NOT NULL,
	`provisional_person_id` integer NOT NULL,
	`match` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`reason_key_id` text,
	`reason_iv` blob,
	`reason_ciphertext` blob,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provisional_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_link_requests_to_office_idx` ON `person_link_requests` (`to_office_id`,`status`);--> statement-breakpoint
CREATE INDEX `person_link_requests_case_idx` ON `person_link_requests` (`case_id`);--> statement-breakpoint
CREATE INDEX `person_link_requests_target_idx` ON `person_link_requests` (`target_person_id`,`status`);--> statement-breakpoint
CREATE TABLE `person_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merged_person_id` integer NOT NULL,
	`into_person_id` integer NOT NULL,
	`link_request_id` integer,
	`merged_by` integer NOT NULL,
	`merged_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`merged_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`into_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_request_id`) REFERENCES `person_link_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_merges_merged_person_id_unique` ON `person_merges` (`merged_person_id`);