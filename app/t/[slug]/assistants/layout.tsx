// Checks "assistants:use" outside this segment's Suspense boundary (a real 403 status).
import { permissionLayout } from "@/lib/http/permission-layout";

export default permissionLayout("assistants:use");
