// Checks "knowledge:read" outside this segment's loading.tsx Suspense boundary (a real 403 status).
import { permissionLayout } from "@/lib/http/permission-layout";

export default permissionLayout("knowledge:read");
