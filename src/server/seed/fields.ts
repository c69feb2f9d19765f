/** Fields (lĩnh vực) of DESIGN.md §2; `isPriority` marks the seed's inspection priority fields. */
export const FIELDS = [
  { code: 'thu_ngan_sach', name_vi: 'Thu ngân sách', name_en: 'Budget revenue', is_priority: false },
  {
    code: 'moi_truong_dau_tu',
    name_vi: 'Môi trường đầu tư kinh doanh',
    name_en: 'Business environment',
    is_priority: false,
  },
  { code: 'cai_cach_hanh_chinh', name_vi: 'Cải cách hành chính', name_en: 'Administrative reform', is_priority: false },
  { code: 'quy_hoach', name_vi: 'Quy hoạch', name_en: 'Planning', is_priority: true },
  { code: 'dau_tu', name_vi: 'Đầu tư', name_en: 'Investment', is_priority: true },
  { code: 'dat_dai', name_vi: 'Đất đai', name_en: 'Land', is_priority: true },
  { code: 'xay_dung', name_vi: 'Xây dựng', name_en: 'Construction', is_priority: true },
  { code: 'giao_thong', name_vi: 'Giao thông', name_en: 'Transport', is_priority: true },
  { code: 'moi_truong', name_vi: 'Môi trường', name_en: 'Environment', is_priority: true },
  {
    code: 'lao_dong_tbxh',
    name_vi: 'Lao động - Thương binh và Xã hội',
    name_en: 'Labour, invalids and social affairs',
    is_priority: true,
  },
  { code: 'y_te', name_vi: 'Y tế', name_en: 'Health', is_priority: true },
  { code: 'giao_duc', name_vi: 'Giáo dục', name_en: 'Education', is_priority: true },
  {
    code: 'san_xuat_kinh_doanh',
    name_vi: 'Tháo gỡ khó khăn sản xuất, kinh doanh',
    name_en: 'Support for production and business',
    is_priority: false,
  },
  { code: 'khac', name_vi: 'Lĩnh vực khác', name_en: 'Other', is_priority: false },
] as const;
