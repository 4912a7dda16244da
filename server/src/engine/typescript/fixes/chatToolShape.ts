import type { FixProvider } from "./context";

export const chatToolShapeFixes: FixProvider = () => [];
