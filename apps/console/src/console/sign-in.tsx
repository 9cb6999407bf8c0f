import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { useState } from 'react';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import type { RoleDetection } from '../session/access.ts';
import { useSession } from '../session/session.tsx';

const failures: Record<Exclude<RoleDetection, { ok: true }>['reason'], MessageKey> = {
  'unknown-key': 'signIn.unknownKey',
  unreachable: 'signIn.unreachable',
  ambiguous: 'signIn.ambiguous',
};

/**
 * Sign-in with a key the ledger issued. The role is not typed in: the console finds it by trying the key on a
 * few read-only routes (access.ts), so what the console shows is what the key can actually do.
 */
export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<MessageKey | undefined>();
  const submit = async ({ key }: { key: string }) => {
    setPending(true);
    setFailure(undefined);
    const result = await signIn(key);
    setPending(false);
    if (!result.ok) setFailure(failures[result.reason]);
  };
  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 440 }}>
        <Card>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('signIn.title')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
          <Form name="sign-in" layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="key" label={t('signIn.key')} rules={[{ required: true, whitespace: true, message: t('signIn.keyRequired') }]}>
              <Input.Password autoComplete="off" autoFocus />
            </Form.Item>
            {failure && <Alert type="error" showIcon role="alert" title={t(failure)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={pending}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </Layout>
  );
}
