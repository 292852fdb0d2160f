// The admin screens' name for the one error banner (components/ui/error-banner.tsx).
export { ErrorBanner as ErrorAlert } from "@/components/ui/error-banner";
