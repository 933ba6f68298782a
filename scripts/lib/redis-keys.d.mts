export function deleteRedisKeys(url: string, prefix: string, options?: { verify?: boolean }): Promise<void>;
