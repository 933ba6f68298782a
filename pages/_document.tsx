// The Pages Router's document, matching app/layout.tsx: the inline theme script in <head> (before
// first paint; it also drives the theme menu and the <details> menus, since these pages send no
// other JavaScript), the theme colours and icon, and the skip link.
import { Head, Html, Main, NextScript } from "next/document";

import { PagesDocumentHead, SkipLink } from "@/components/layout/document";

export default function Document() {
  return (
    <Html lang="en">
      <Head>
        <PagesDocumentHead />
      </Head>
      <body>
        <SkipLink />
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
