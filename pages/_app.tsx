// The Pages Router's app: only the public pages that send no JavaScript (pages/index.tsx,
// pages/pricing.tsx) live here; they share the App Router's stylesheet.
import type { AppProps } from "next/app";

import "../app/globals.css";

export default function App({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
