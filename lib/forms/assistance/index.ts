export * from "./definition";
export { assistanceCoreVariables, assistanceExtraIssues, formServices, type AssistanceCoreVariables, type FormService } from "./core-variables";
