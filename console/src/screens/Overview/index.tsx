import { PageHeader } from '../../components/PageHeader';

export default function Overview() {
  return <PageHeader title="Overview" description="Coming next." />;
}
