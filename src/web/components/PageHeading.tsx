import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { usePageTitle } from './usePageTitle';

/** The screen's one h1 (and the tab title), with its buttons on the right. */
export function PageHeading({ title, extra }: { title: string; extra?: ReactNode }) {
  usePageTitle(title);
  return (
    <Flex wrap gap={12} justify="space-between" align="center" style={{ marginBottom: 16 }}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 0 }}>
        {title}
      </Typography.Title>
      {extra ? (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
