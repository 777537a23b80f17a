import { Badge, Group, Text } from '@mantine/core';
import { IconBrandApple, IconBrandUbuntu, IconBrandWindows, IconDeviceDesktop } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, DevicePlatform } from '../../../shared/contracts/devices.js';

export function DeviceStatusBadge({ device }: { device: Pick<Device, 'status' | 'revoked'> }) {
  const { t } = useTranslation();
  // max-content: the table never squeezes the word into an ellipsis
  if (device.revoked)
    return (
      <Badge color="gray" variant="light" w="max-content">
        {t('devices.status.revoked')}
      </Badge>
    );
  return (
    <Badge
      color={device.status === 'online' ? 'teal' : 'red'}
      variant="light"
      w="max-content"
      data-status={device.status}
    >
      {t(`devices.status.${device.status}`)}
    </Badge>
  );
}

const icons: Record<DevicePlatform, typeof IconDeviceDesktop> = {
  windows: IconBrandWindows,
  macos: IconBrandApple,
  linux: IconBrandUbuntu,
  other: IconDeviceDesktop,
};

/** The OS family, name and version, as the agent reported them (text only: React escapes it). */
export function OsText({ device }: { device: Pick<Device, 'platform' | 'os' | 'osVersion'> }) {
  const { t } = useTranslation();
  const Icon = icons[device.platform];
  return (
    <Group gap={6} wrap="nowrap">
      <Icon size={16} aria-label={t(`devices.platforms.${device.platform}`)} />
      <Text size="sm">
        {[device.os, device.osVersion].filter(Boolean).join(' ') || t(`devices.platforms.${device.platform}`)}
      </Text>
    </Group>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} variant="outline" size="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

/** Bytes as GB, for memory and disks. */
export function gigabytes(bytes: number, number: (n: number) => string): string {
  return `${number(Math.round((bytes / 1024 ** 3) * 10) / 10)} GB`;
}

/** A labelled fact of a device's page. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}
